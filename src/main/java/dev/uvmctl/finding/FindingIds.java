package dev.uvmctl.finding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Finding ids: the class, then 16 hex digits of a SHA-256 over what identifies the finding
 * (boot, va_space or GPU, holders, first range). The same history gives the same id on every
 * run, so an alert can be deduplicated across runs.
 */
final class FindingIds {
    private FindingIds() {
    }

    static String of(FindingClass c, String boot, Object... parts) {
        return of(c.name(), boot, parts);
    }

    /** The same scheme under another prefix ({@code incident}). */
    static String of(String prefix, String boot, Object... parts) {
        StringBuilder key = new StringBuilder(prefix).append('|').append(boot == null ? "" : boot);
        for (Object part : parts) {
            key.append('|').append(part == null ? "" : part);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return prefix + "-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
