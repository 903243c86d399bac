package dev.moduleagent.localhub.internal.amqp;

import dev.moduleagent.localhub.internal.identity.IdentityKey;

/**
 * A link address the device SDK attaches to: the CBS node {@code $cbs}, or an identity's node
 * {@code /devices/{d}[/modules/{m}]/{twin | methods/devicebound | messages/events | messages/devicebound}}.
 *
 * @param identity null for {@code $cbs}
 */
record LinkAddress(Node node, IdentityKey identity) {

    /** The nodes IoT Hub offers a device SDK client. */
    enum Node {
        CBS, TWIN, METHODS, TELEMETRY, CLOUD_TO_DEVICE
    }

    private static final int MAX_LENGTH = 512;
    private static final String CBS = "$cbs";

    /** Parses an address; null when it is none IoT Hub offers (the link is refused with amqp:not-found). */
    static LinkAddress parse(String address) {
        if (address == null || address.length() > MAX_LENGTH) {
            return null;
        }
        if (address.equals(CBS)) {
            return new LinkAddress(Node.CBS, null);
        }
        String[] parts = address.split("/", -1);
        if (parts.length < 4 || !parts[0].isEmpty() || !parts[1].equals("devices") || parts[2].isEmpty()) {
            return null;
        }
        int rest = 3;
        String module = null;
        if (parts[3].equals("modules")) {
            if (parts.length < 6 || parts[4].isEmpty()) {
                return null;
            }
            module = parts[4];
            rest = 5;
        }
        Node node = node(String.join("/", java.util.Arrays.copyOfRange(parts, rest, parts.length)));
        return node == null ? null : new LinkAddress(node, new IdentityKey(parts[2], module));
    }

    private static Node node(String tail) {
        return switch (tail) {
            case "twin" -> Node.TWIN;
            case "methods/devicebound" -> Node.METHODS;
            case "messages/events" -> Node.TELEMETRY;
            case "messages/devicebound" -> Node.CLOUD_TO_DEVICE;
            default -> null;
        };
    }
}
