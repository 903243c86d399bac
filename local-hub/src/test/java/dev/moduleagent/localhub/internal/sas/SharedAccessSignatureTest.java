package dev.moduleagent.localhub.internal.sas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SharedAccessSignatureTest {

    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    @Test
    void tokenIsTheHmacOfTheEncodedResourceAndExpiry() throws Exception {
        String token = SharedAccessSignature.create("myhub.azure-devices.net/devices/d 1", "iothubowner", KEY, Instant.ofEpochSecond(1_900_000_000));
        String encoded = URLEncoder.encode("myhub.azure-devices.net/devices/d 1", StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(KEY), "HmacSHA256"));
        String sig = Base64.getEncoder().encodeToString(mac.doFinal((encoded + "\n1900000000").getBytes(StandardCharsets.UTF_8)));
        assertEquals("SharedAccessSignature sr=" + encoded + "&sig=" + URLEncoder.encode(sig, StandardCharsets.UTF_8)
            + "&se=1900000000&skn=iothubowner", token);
    }

    @Test
    void parsesFieldsInAnyOrderAndVerifiesTheSignature() {
        String token = SharedAccessSignature.create("hub.example", "iothubowner", KEY, Instant.now().plusSeconds(60));
        String[] parts = token.substring("SharedAccessSignature ".length()).split("&");
        String reordered = "SharedAccessSignature " + parts[3] + "&" + parts[2] + "&" + parts[0] + "&" + parts[1];
        SharedAccessSignature parsed = SharedAccessSignature.parse(reordered);
        assertEquals("hub.example", parsed.resource());
        assertEquals("iothubowner", parsed.keyName());
        assertTrue(parsed.signedWith(KEY));
        assertFalse(parsed.signedWith(Base64.getEncoder().encodeToString(new byte[32])));
        assertFalse(parsed.expiredAt(Instant.now()));
    }

    @Test
    void rejectsWhatIsNotAToken() {
        assertNull(SharedAccessSignature.parse(null));
        assertNull(SharedAccessSignature.parse("Bearer abc"));
        assertNull(SharedAccessSignature.parse("SharedAccessSignature sr=a&sig=b"));
        assertNull(SharedAccessSignature.parse("SharedAccessSignature sr=a&sig=b&se=soon"));
        assertNull(SharedAccessSignature.parse("SharedAccessSignature " + "x".repeat(5000)));
    }
}
