package dev.moduleagent.twin;

/**
 * The IoT Plug and Play component marker: a component's section in desired and reported properties carries
 * {@code "__t": "c"}, which is not one of the component's properties.
 */
public final class PnpComponent {

    /** The marker's key. */
    public static final String MARKER_KEY = "__t";
    /** The marker's value for a component. */
    public static final String MARKER_VALUE = "c";

    private PnpComponent() {
    }

    /**
     * @param key a member name inside a section
     * @return whether it is the marker rather than a property
     */
    public static boolean isMarker(String key) {
        return MARKER_KEY.equals(key);
    }
}
