package dev.uvmctl.params;

/**
 * A finding about the parameters: a stable id that scripts can match, a level, the parameter
 * it is about (null when about the whole module) and a sentence that says the consequence.
 */
public record ParamCheck(String id, Level level, String parameter, String message) {

    /** Warnings are problems and deviations; info notes say what a default costs or buys. */
    public enum Level {
        warning, info
    }

    static ParamCheck warning(String id, String parameter, String message) {
        return new ParamCheck(id, Level.warning, parameter, message);
    }

    static ParamCheck info(String id, String parameter, String message) {
        return new ParamCheck(id, Level.info, parameter, message);
    }
}
