package dev.taskstream.app.communitymap;

import dev.taskstream.shared.api.CommunityMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A community map laid out and ready to draw: one circle per community (area proportional to its members) at its
 * place, and the links between them, lightest first so that heavy links are drawn on top. Immutable; built off the
 * UI thread.
 *
 * <p>Not every link is kept: in a real graph nearly every community has a few edges to nearly every other, and
 * drawn all at once they hide the structure (a hairball). Each community keeps its {@value #STRONGEST} strongest
 * links, strength being the edges' weight relative to the two communities' sizes (so that two large communities
 * are not "close" merely because they are large); a link stays if it is among the strongest of either end. The
 * layout pulls only along the kept links, so communities that are close to each other are drawn together.
 */
public final class MapScene {
    /** A circle in layout units; {@code rank} 0 is the largest community. */
    public record Circle(String id, String name, int memberCount, int rank, double x, double y, double r) {
    }

    /** A link between two circles (indices into {@link #circles()}). */
    public record Link(int a, int b, double weight, long edges) {
    }

    /** Links kept per community. */
    public static final int STRONGEST = 3;

    private final List<Circle> circles;
    private final List<Link> links;
    private final Map<String, Integer> index = new HashMap<>();
    private final long totalCommunities;
    private final double maxWeight;
    private final int hiddenLinks;

    private MapScene(List<Circle> circles, List<Link> links, int hiddenLinks, long totalCommunities) {
        this.circles = List.copyOf(circles);
        this.links = List.copyOf(links);
        this.hiddenLinks = hiddenLinks;
        this.totalCommunities = totalCommunities;
        for (int i = 0; i < circles.size(); i++) {
            index.put(circles.get(i).id(), i);
        }
        this.maxWeight = links.stream().mapToDouble(Link::weight).max().orElse(0);
    }

    /** Lays out {@code map} with {@link ForceLayout}: the same map and seed give the same picture. */
    public static MapScene layOut(CommunityMap map, long seed) {
        List<CommunityMap.Community> communities = map.communities() == null ? List.of() : map.communities();
        Map<String, Integer> rank = new HashMap<>();
        double[] radius = new double[communities.size()];
        for (int i = 0; i < radius.length; i++) {
            rank.put(communities.get(i).id(), i);
            radius[i] = Math.sqrt(Math.max(1, communities.get(i).memberCount()));
        }
        List<Link> links = new ArrayList<>();
        for (CommunityMap.Link l : map.links() == null ? List.<CommunityMap.Link>of() : map.links()) {
            Integer a = rank.get(l.source());
            Integer b = rank.get(l.target());
            if (a != null && b != null && !a.equals(b)) {
                links.add(new Link(a, b, l.weight(), l.edges()));
            }
        }
        List<Link> all = links;
        links = strongest(all, communities);
        links.sort(Comparator.comparingDouble(Link::weight));
        ForceLayout.Positions p = ForceLayout.layout(new ForceLayout.Graph(radius,
                links.stream().mapToInt(Link::a).toArray(), links.stream().mapToInt(Link::b).toArray(),
                links.stream().mapToDouble(Link::weight).toArray()), seed);
        List<Circle> circles = new ArrayList<>();
        for (int i = 0; i < radius.length; i++) {
            CommunityMap.Community c = communities.get(i);
            circles.add(new Circle(c.id(), c.name(), c.memberCount(), i, p.x()[i], p.y()[i], radius[i]));
        }
        return new MapScene(circles, links, all.size() - links.size(), Math.max(map.totalCommunities(), circles.size()));
    }

    /** The links that are among the {@value #STRONGEST} strongest of at least one of their two communities. */
    private static List<Link> strongest(List<Link> links, List<CommunityMap.Community> communities) {
        double[] strength = new double[links.size()];
        List<List<Integer>> byCommunity = new ArrayList<>();
        for (int i = 0; i < communities.size(); i++) {
            byCommunity.add(new ArrayList<>());
        }
        for (int i = 0; i < links.size(); i++) {
            Link l = links.get(i);
            double sizes = Math.sqrt((double) Math.max(1, communities.get(l.a()).memberCount())
                    * Math.max(1, communities.get(l.b()).memberCount()));
            strength[i] = l.weight() / sizes;
            byCommunity.get(l.a()).add(i);
            byCommunity.get(l.b()).add(i);
        }
        boolean[] keep = new boolean[links.size()];
        for (List<Integer> own : byCommunity) {
            own.sort(Comparator.comparingDouble((Integer i) -> strength[i]).reversed());
            for (int k = 0; k < Math.min(STRONGEST, own.size()); k++) {
                keep[own.get(k)] = true;
            }
        }
        List<Link> kept = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            if (keep[i]) {
                kept.add(links.get(i));
            }
        }
        return kept;
    }

    public List<Circle> circles() {
        return circles;
    }

    public List<Link> links() {
        return links;
    }

    /** How many communities the project has; more than {@code circles().size()} when the map was capped. */
    public long totalCommunities() {
        return totalCommunities;
    }

    /** Links between the communities drawn that were left out (not among either end's strongest). */
    public int hiddenLinks() {
        return hiddenLinks;
    }

    public double maxWeight() {
        return maxWeight;
    }

    /** The position of a community in {@link #circles()}, or -1. */
    public int indexOf(String id) {
        return id == null ? -1 : index.getOrDefault(id, -1);
    }

    /**
     * The circle under a point (layout units), or -1; circles count at least {@code minR} wide (tiny ones are
     * drawn that big), and where they touch the nearer centre wins.
     */
    public int hit(double x, double y, double minR) {
        int found = -1;
        double best = Double.MAX_VALUE;
        for (int i = 0; i < circles.size(); i++) {
            Circle c = circles.get(i);
            double r = Math.max(c.r(), minR);
            double d2 = (x - c.x()) * (x - c.x()) + (y - c.y()) * (y - c.y());
            if (d2 <= r * r && d2 < best) {
                found = i;
                best = d2;
            }
        }
        return found;
    }
}
