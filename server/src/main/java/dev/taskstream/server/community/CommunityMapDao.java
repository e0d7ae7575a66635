package dev.taskstream.server.community;

import dev.taskstream.shared.api.CommunityMap;
import java.util.List;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * The reads behind the community map: the largest communities and the edge weights between them, summed by the
 * database from the graph edges and the memberships, so that a large graph never travels to the server whole.
 */
public interface CommunityMapDao {

    @SqlQuery("SELECT COUNT(*) FROM communities WHERE project_id = :projectId")
    long count(String projectId);

    @SqlQuery("SELECT id, name, member_count FROM communities WHERE project_id = :projectId"
            + " ORDER BY ordinal LIMIT :limit")
    @RegisterConstructorMapper(CommunityMap.Community.class)
    List<CommunityMap.Community> largest(String projectId, int limit);

    /**
     * Each unordered pair of the largest {@code limit} communities joined by at least one edge. A rebuild numbers
     * its communities 0, 1, … by size, so "among the largest N" is {@code ordinal < N}; the smaller ordinal (the
     * larger community) is the source, so that A→B and B→A edges add up in one row.
     */
    @SqlQuery("SELECT source, target, SUM(weight) AS weight, COUNT(*) AS edges FROM ("
            + " SELECT CASE WHEN cs.ordinal < ct.ordinal THEN cs.id ELSE ct.id END AS source,"
            + " CASE WHEN cs.ordinal < ct.ordinal THEN ct.id ELSE cs.id END AS target, e.weight AS weight"
            + " FROM graph_edges e"
            + " JOIN community_members ms ON ms.project_id = e.project_id AND ms.entity_id = e.source"
            + " JOIN community_members mt ON mt.project_id = e.project_id AND mt.entity_id = e.target"
            + " JOIN communities cs ON cs.id = ms.community_id"
            + " JOIN communities ct ON ct.id = mt.community_id"
            + " WHERE e.project_id = :projectId AND cs.id <> ct.id AND cs.ordinal < :limit AND ct.ordinal < :limit"
            + ") pairs GROUP BY source, target ORDER BY weight DESC, source, target")
    @RegisterConstructorMapper(CommunityMap.Link.class)
    List<CommunityMap.Link> links(String projectId, int limit);

    /** One snapshot: a rebuild that commits between the reads must not pair new links with old circles. */
    @Transaction(TransactionIsolationLevel.REPEATABLE_READ)
    default CommunityMap map(String projectId, int limit) {
        return new CommunityMap(projectId, count(projectId), limit, largest(projectId, limit), links(projectId, limit));
    }
}
