package dev.taskstream.server.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * Refuses settings that would expose the API to a network without any access control, or that
 * would silently mean something else than the operator wrote (an empty host, an origin "null").
 * The {@code ...Problem} methods give the message; the command line shows it with its usage.
 */
public final class SafeDefaults {
    private SafeDefaults() {
    }

    public static void check(ServerSettings s) {
        String problem = hostProblem(s.host());
        for (int i = 0; problem == null && i < s.corsOrigins().size(); i++) {
            problem = corsOriginProblem(s.corsOrigins().get(i));
        }
        if (problem == null && s.token() == null && !s.insecure() && !isLoopback(s.host())) {
            problem = "refusing to listen on " + s.host() + " without a token: anyone on "
                    + "the network could read and cancel tasks. Set --token (or TASKSTREAM_TOKEN), listen on "
                    + "127.0.0.1, or pass --insecure if a proxy in front of this server does the access control";
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * An empty host is loopback to {@code InetAddress} but "any interface" to many tools, so it is
     * refused rather than guessed at.
     */
    public static String hostProblem(String host) {
        if (host == null || host.isBlank()) {
            return "--host is empty: give the address to listen on, e.g. 127.0.0.1 (this machine only), "
                    + "0.0.0.0 or :: (every interface, needs --token)";
        }
        return null;
    }

    /** Null when {@code origin} is a browser origin we can allow, else why it is not. */
    public static String corsOriginProblem(String origin) {
        String allowed = " An origin is scheme://host[:port] with scheme http or https, e.g. https://ops.example.com "
                + "or http://localhost:5173, without a path.";
        if (origin.equalsIgnoreCase("null")) {
            return "--cors-origin null is refused: browsers send 'Origin: null' from sandboxed frames, file:// pages "
                    + "and some redirects, so allowing it would let any such page call this API." + allowed;
        }
        if (origin.equals("*")) {
            return "--cors-origin * is refused: it would let every web page a user opens call this API; "
                    + "name the origins instead." + allowed;
        }
        try {
            URI uri = new URI(origin);
            String path = uri.getRawPath();
            boolean ok = ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && (path == null || path.isEmpty() || path.equals("/"));
            return ok ? null : "--cors-origin '" + origin + "' is not an origin." + allowed;
        } catch (URISyntaxException e) {
            return "--cors-origin '" + origin + "' is not an origin." + allowed;
        }
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
