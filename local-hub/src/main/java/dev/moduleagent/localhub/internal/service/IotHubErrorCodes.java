package dev.moduleagent.localhub.internal.service;

import java.util.Map;

/**
 * IoT Hub's numeric error codes (HTTP status × 1000 + detail) for the error code names local-hub answers with; the
 * service SDKs map them to typed errors (e.g. 404001 → {@code DeviceNotFound}). The numbers are those of the SDKs'
 * {@code ErrorCode} enums and of IoT Hub's troubleshooting pages.
 */
final class IotHubErrorCodes {

    private static final Map<String, Integer> CODES = Map.ofEntries(
        Map.entry("ArgumentInvalid", 400004),
        Map.entry("ArgumentNull", 400005),
        Map.entry("IotHubFormatError", 400006),
        Map.entry("InvalidOperation", 400003),
        Map.entry("IotHubUnauthorizedAccess", 401002),
        Map.entry("IotHubQuotaExceeded", 403002),
        Map.entry("DeviceNotFound", 404001),
        Map.entry("ModuleNotFound", 404010),
        Map.entry("DeviceNotOnline", 404103),
        Map.entry("CertificateNotFound", 404007),
        Map.entry("DeviceAlreadyExists", 409001),
        Map.entry("ModuleAlreadyExistsOnDevice", 409301),
        Map.entry("PreconditionFailed", 412001),
        Map.entry("MessageTooLarge", 413001),
        Map.entry("TooManyDevices", 413002),
        Map.entry("TooManyModulesOnDevice", 413003),
        Map.entry("ThrottlingException", 429001),
        Map.entry("ServerError", 500001),
        Map.entry("GatewayTimeout", 504101));

    private IotHubErrorCodes() {
    }

    /** The numeric code of a named error; a generic {@code status × 1000} for names IoT Hub has no number for. */
    static int numeric(String name, int status) {
        Integer code = CODES.get(name);
        return code != null ? code : status * 1000;
    }
}
