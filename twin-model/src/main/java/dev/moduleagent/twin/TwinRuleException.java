package dev.moduleagent.twin;

/** A value breaks one of IoT Hub's twin rules; the message names the path of the value and the rule. */
public final class TwinRuleException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message what breaks which rule, naming the path */
    public TwinRuleException(String message) {
        super(message);
    }
}
