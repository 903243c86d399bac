package dev.moduleagent.localhub.internal.sas;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * IoT Hub's SAS tokens: {@code SharedAccessSignature sr=<urlenc resource>&sig=<urlenc base64 HMAC-SHA256>&se=<epoch s>[&skn=<policy>]},
 * the HMAC taken with the base64-decoded key over {@code <urlenc resource> + "\n" + se}.
 */
public final class SharedAccessSignature {

    private static final String PREFIX = "SharedAccessSignature ";
    /** Longest token accepted, a bound on input. */
    public static final int MAX_TOKEN_LENGTH = 4096;

    private final String encodedResource;
    private final String signature;
    private final long expiry;
    private final String keyName;

    private SharedAccessSignature(String encodedResource, String signature, long expiry, String keyName) {
        this.encodedResource = encodedResource;
        this.signature = signature;
        this.expiry = expiry;
        this.keyName = keyName;
    }

    /** Makes a token for the resource (e.g. the hub host name), valid until {@code expiry}. */
    public static String create(String resource, String keyName, String base64Key, Instant expiry) {
        String encodedResource = encode(resource);
        long se = expiry.getEpochSecond();
        String sig = sign(base64Key, encodedResource + "\n" + se);
        String token = PREFIX + "sr=" + encodedResource + "&sig=" + encode(sig) + "&se=" + se;
        return keyName == null ? token : token + "&skn=" + encode(keyName);
    }

    /** Parses a token; null when it is not one. */
    public static SharedAccessSignature parse(String text) {
        if (text == null || text.length() > MAX_TOKEN_LENGTH || !text.startsWith(PREFIX)) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : text.substring(PREFIX.length()).trim().split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                return null;
            }
            fields.put(pair.substring(0, eq).toLowerCase(Locale.ROOT), pair.substring(eq + 1));
        }
        String sr = fields.get("sr");
        String sig = fields.get("sig");
        String se = fields.get("se");
        if (sr == null || sig == null || se == null) {
            return null;
        }
        try {
            String skn = fields.get("skn");
            return new SharedAccessSignature(sr, decode(sig), Long.parseLong(se), skn == null ? null : decode(skn));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The decoded resource URI the token was made for. */
    public String resource() {
        return decode(encodedResource);
    }

    public String keyName() {
        return keyName;
    }

    /** When the token stops being valid ({@code se}). */
    public Instant expiry() {
        return Instant.ofEpochSecond(expiry);
    }

    public boolean expiredAt(Instant now) {
        return expiry <= now.getEpochSecond();
    }

    /** Whether the signature was made with this key (constant-time comparison). */
    public boolean signedWith(String base64Key) {
        if (base64Key == null) {
            return false;
        }
        String expected = sign(base64Key, encodedResource + "\n" + expiry);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
    }

    private static String sign(String base64Key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
