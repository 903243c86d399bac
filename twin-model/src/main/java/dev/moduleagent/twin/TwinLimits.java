package dev.moduleagent.twin;

/**
 * IoT Hub's documented limits on twin documents ("Understand and use device twins in IoT Hub", tags, desired and
 * reported properties), in one place so that the agent, the conformance kit and local-hub cannot disagree.
 */
public final class TwinLimits {

    /** Largest desired or reported section, counted as IoT Hub counts it (see {@link TwinSize}). */
    public static final int MAX_SECTION_BYTES = 32 * 1024;
    /** Largest tags section, counted as IoT Hub counts it (see {@link TwinSize}). */
    public static final int MAX_TAGS_BYTES = 8 * 1024;
    /**
     * Deepest nesting: the section (tags, desired, reported) is level 0, a top-level object such as a component's
     * section level 1; an object or array at a level above this is refused. IoT Hub's own example
     * {@code {"one":{…"ten":{"property":"value"}}}} is exactly at the limit.
     */
    public static final int MAX_DEPTH = 10;
    /** Longest key in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 1024;
    /** Longest string value in UTF-8 bytes. */
    public static final int MAX_STRING_BYTES = 4 * 1024;
    /** Smallest integer IoT Hub stores (-2^52). */
    public static final long MIN_INTEGER = -4503599627370496L;
    /** Largest integer IoT Hub stores (2^52-1). */
    public static final long MAX_INTEGER = 4503599627370495L;
    /**
     * Largest reported patch the agent sends in one message, in UTF-8 bytes of its JSON text: a bound on the
     * message, not IoT Hub's section count (a patch this small can still overflow a full section).
     */
    public static final int MAX_PATCH_BYTES = 32 * 1024;

    private TwinLimits() {
    }
}
