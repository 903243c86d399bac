package dev.moduleagent.localhub.internal.identity;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.certs.Thumbprints;
import java.security.cert.X509Certificate;
import java.time.Instant;

/** An uploaded CA certificate and the state of its proof of possession. */
public record CaRecord(String name, X509Certificate certificate, boolean verified, String verificationCode,
                       String etag, Instant created, Instant updated) {

    CaRecord withVerificationCode(String code, String newEtag, Instant now) {
        return new CaRecord(name, certificate, verified, code, newEtag, created, now);
    }

    CaRecord asVerified(String newEtag, Instant now) {
        return new CaRecord(name, certificate, true, null, newEtag, created, now);
    }

    String toStoredJson() {
        JsonObject json = new JsonObject();
        json.addProperty("name", name);
        json.addProperty("certificate", Pem.toPem(certificate));
        json.addProperty("verified", verified);
        json.addProperty("verificationCode", verificationCode);
        json.addProperty("etag", etag);
        json.addProperty("created", created.toString());
        json.addProperty("updated", updated.toString());
        return json.toString();
    }

    static CaRecord fromStoredJson(String text) throws java.security.cert.CertificateException {
        JsonObject json = JsonParser.parseString(text).getAsJsonObject();
        String code = json.has("verificationCode") && !json.get("verificationCode").isJsonNull()
            ? json.get("verificationCode").getAsString() : null;
        return new CaRecord(json.get("name").getAsString(), CertificateParsing.parse(json.get("certificate").getAsString()),
            json.get("verified").getAsBoolean(), code, json.get("etag").getAsString(),
            Instant.parse(json.get("created").getAsString()), Instant.parse(json.get("updated").getAsString()));
    }

    /** IoT Hub's CertificateDescription shape. */
    public JsonObject toServiceJson() {
        JsonObject properties = new JsonObject();
        properties.addProperty("subject", certificate.getSubjectX500Principal().getName());
        properties.addProperty("expiry", certificate.getNotAfter().toInstant().toString());
        properties.addProperty("thumbprint", Thumbprints.sha1(certificate));
        properties.addProperty("thumbprintSha256", Thumbprints.sha256(certificate));
        properties.addProperty("isVerified", verified);
        properties.addProperty("created", created.toString());
        properties.addProperty("updated", updated.toString());
        properties.addProperty("certificate", Pem.toPem(certificate));
        if (verificationCode != null) {
            properties.addProperty("verificationCode", verificationCode);
        }
        JsonObject json = new JsonObject();
        json.addProperty("name", name);
        json.addProperty("etag", etag);
        json.addProperty("type", "Microsoft.Devices/IotHubs/Certificates");
        json.add("properties", properties);
        return json;
    }
}
