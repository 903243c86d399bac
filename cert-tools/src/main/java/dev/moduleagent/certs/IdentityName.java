package dev.moduleagent.certs;

import dev.moduleagent.certs.internal.IdentityRules;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An IoT Hub identity as it appears in a certificate's common name: {@code <deviceId>/<moduleId>} for a module,
 * {@code <deviceId>} for a device. Both ids follow IoT Hub's rules: 1 to 128 characters out of ASCII letters,
 * digits and {@code - . % _ * ? ! ( ) , : = @ $ '}.
 *
 * @param deviceId the device id, never null
 * @param moduleId the module id, or null for a device identity
 */
@ProviderType
public record IdentityName(String deviceId, String moduleId) {

    /**
     * @throws IllegalArgumentException when an id breaks IoT Hub's rules; use {@link #of} for a checked exception
     */
    public IdentityName {
        String problem = IdentityRules.problem("device id", deviceId);
        if (problem == null && moduleId != null) {
            problem = IdentityRules.problem("module id", moduleId);
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * @param deviceId the device id
     * @param moduleId the module id, or null for a device
     * @return the validated name
     * @throws CertificateToolException naming the id and its first bad character (or the length problem)
     */
    public static IdentityName of(String deviceId, String moduleId) throws CertificateToolException {
        String problem = IdentityRules.problem("device id", deviceId);
        if (problem == null && moduleId != null) {
            problem = IdentityRules.problem("module id", moduleId);
        }
        if (problem != null) {
            throw new CertificateToolException(problem);
        }
        return new IdentityName(deviceId, moduleId);
    }

    /**
     * @param cn a common name, {@code dev/mod} or {@code dev}
     * @return the validated name
     * @throws CertificateToolException when the CN has more than one {@code /} or an id breaks the rules
     */
    public static IdentityName parseCommonName(String cn) throws CertificateToolException {
        if (cn == null) {
            throw new CertificateToolException("no common name (CN) in the subject");
        }
        int slash = cn.indexOf('/');
        if (slash < 0) {
            return of(cn, null);
        }
        if (cn.indexOf('/', slash + 1) >= 0) {
            throw new CertificateToolException("common name '" + cn + "' has more than one '/' (expected device/module)");
        }
        return of(cn.substring(0, slash), cn.substring(slash + 1));
    }

    /**
     * @param cert a certificate
     * @return the identity in its subject CN, or empty when there is no CN or it is not a valid identity
     */
    public static Optional<IdentityName> fromCertificate(X509Certificate cert) {
        try {
            X500Name subject = new JcaX509CertificateHolder(cert).getSubject();
            return Optional.of(parseCommonName(IdentityRules.commonName(subject)));
        } catch (CertificateToolException | java.security.cert.CertificateEncodingException e) {
            return Optional.empty();
        }
    }

    /** @return {@code device/module}, or {@code device} for a device identity */
    public String commonName() {
        return moduleId == null ? deviceId : deviceId + "/" + moduleId;
    }

    /** @return {@code CN=<commonName>} as a UTF8String, DER-identical to {@code openssl req -subj "/CN=d\/m"} */
    public X500Name subject() {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName()).build();
    }

    /** @return true for a module identity (a module id is present) */
    public boolean isModule() {
        return moduleId != null;
    }
}
