package dev.moduleagent.localhub.internal.identity;

import java.util.Locale;

/** IoT Hub's authentication types, with their REST names. */
public enum AuthType {
    SELF_SIGNED("selfSigned"),
    CERTIFICATE_AUTHORITY("certificateAuthority"),
    SAS("sas"),
    NONE("none");

    private final String wireName;

    AuthType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Parses a REST name, case-insensitively; null when unknown. */
    public static AuthType fromWire(String text) {
        for (AuthType type : values()) {
            if (type.wireName.toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT))) {
                return type;
            }
        }
        return null;
    }
}
