package dev.uvmctl.render;

import java.util.Map;

/** The values of {@code --color} and how they combine with the environment. */
public enum ColorMode {
    auto, always, never;

    /**
     * Decides colour for one output stream: an explicit {@code always}/{@code never} wins; then
     * {@code NO_COLOR} (set to anything) turns it off; then {@code CLICOLOR_FORCE} (set, not "0")
     * turns it on; otherwise colour only on a terminal.
     */
    public boolean enabled(Map<String, String> env, boolean streamIsTerminal) {
        return switch (this) {
            case always -> true;
            case never -> false;
            case auto -> {
                if (env.containsKey("NO_COLOR")) {
                    yield false;
                }
                String force = env.get("CLICOLOR_FORCE");
                if (force != null && !force.isEmpty() && !force.equals("0")) {
                    yield true;
                }
                yield streamIsTerminal;
            }
        };
    }
}
