package dev.taskstream.server.community;

import dev.taskstream.shared.api.MemberView;
import java.util.List;

/**
 * One page of {@code GET /communities/{id}/members}: members in member order, keyset-paged.
 *
 * @param items     the members of this page
 * @param total     the community's member count
 * @param limit     the page size asked for
 * @param after     the cursor this page started after (null: the first page)
 * @param nextAfter the {@code after} of the next page, null on the last page
 */
public record MemberPage(List<MemberView> items, int total, int limit, Integer after, Integer nextAfter) {
}
