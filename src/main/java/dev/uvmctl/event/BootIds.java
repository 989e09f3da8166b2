package dev.uvmctl.event;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One spelling for a boot id: {@code /proc/sys/kernel/random/boot_id} writes it as a UUID, the
 * journal's {@code _BOOT_ID} and {@code -- Boot} markers as 32 hex digits. Both become the
 * lower-case UUID form, so that a snapshot and a journal of the same boot name it alike.
 */
public final class BootIds {
    private static final Pattern UUID = Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private BootIds() {
    }

    /** Whether a boot's name is a boot id in that spelling, rather than a name an input gave it ({@code dmesg.txt#1}). */
    public static boolean isBootId(String name) {
        return name != null && UUID.matcher(name).matches();
    }

    public static String normalize(String id) {
        String s = id.strip().toLowerCase(Locale.ROOT);
        if (s.length() == 32 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return s.substring(0, 8) + "-" + s.substring(8, 12) + "-" + s.substring(12, 16) + "-" + s.substring(16, 20) + "-" + s.substring(20);
        }
        return s;
    }
}
