package parasol.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Who is working on a run: {@code host:pid:token}. A run's owner is alive while its heartbeat is fresh
 * and, on this host, while its process exists — so a run killed with SIGKILL reads as interrupted at
 * once here, and after the heartbeat lapses anywhere else.
 */
public record RunOwner(String host, long pid, String token) {
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    static final Duration LAPSE = Duration.ofSeconds(45);

    public static RunOwner thisProcess() {
        byte[] b = new byte[4];
        new SecureRandom().nextBytes(b);
        return new RunOwner(localHost(), ProcessHandle.current().pid(), HexFormat.of().formatHex(b));
    }

    static RunOwner parse(String s) {
        if (s == null) return null;
        String[] p = s.split(":", 3);
        if (p.length < 3) return null;
        try {
            return new RunOwner(p[0], Long.parseLong(p[1]), p[2]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    boolean alive(Instant heartbeat, Instant now) {
        if (heartbeat == null || heartbeat.plus(LAPSE).isBefore(now)) return false;
        if (!host.equals(localHost())) return true;
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public String toString() { return host + ":" + pid + ":" + token; }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
