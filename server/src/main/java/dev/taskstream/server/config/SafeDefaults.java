package dev.taskstream.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Refuses settings that would expose the API to a network without any access control. */
public final class SafeDefaults {
    private SafeDefaults() {
    }

    public static void check(ServerSettings s) {
        if (s.token() == null && !s.insecure() && !isLoopback(s.host())) {
            throw new IllegalArgumentException("refusing to listen on " + s.host() + " without a token: anyone on "
                    + "the network could read and cancel tasks. Set --token (or TASKSTREAM_TOKEN), listen on "
                    + "127.0.0.1, or pass --insecure if a proxy in front of this server does the access control");
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
