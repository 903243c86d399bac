package dev.moduleagent.certs.internal;

import dev.moduleagent.certs.CertificateToolException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/** Subject names of certificates and CSRs, kept byte-exact so that issuer and subject names chain. */
public final class Names {

    private Names() {
    }

    /**
     * @param cn a common name
     * @return {@code CN=<cn>} with a UTF8String value
     */
    public static X500Name commonName(String cn) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, cn).build();
    }

    /**
     * @param cert a certificate
     * @return its subject with the original encoding
     */
    public static X500Name subjectOf(X509Certificate cert) {
        try {
            return new JcaX509CertificateHolder(cert).getSubject();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode a certificate", e);
        }
    }

    /**
     * @param cert a certificate
     * @return its issuer with the original encoding
     */
    public static X500Name issuerOf(X509Certificate cert) {
        try {
            return new JcaX509CertificateHolder(cert).getIssuer();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode a certificate", e);
        }
    }

    /**
     * @param name an X.500 name
     * @return its first CN value, or null
     */
    public static String commonNameOf(X500Name name) {
        return IdentityRules.commonName(name);
    }

    /**
     * @param csr a request
     * @return its public key, after checking the request's signature with it
     * @throws CertificateToolException when the signature does not verify or the key is unsupported
     */
    public static PublicKey verifiedKey(PKCS10CertificationRequest csr) throws CertificateToolException {
        try {
            PublicKey key = new JcaPKCS10CertificationRequest(csr).getPublicKey();
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
                throw new CertificateToolException("the request's signature does not verify");
            }
            return key;
        } catch (OperatorCreationException | PKCSException | NoSuchAlgorithmException
                 | InvalidKeyException e) {
            throw new CertificateToolException("the request has an unsupported key (" + PemCodec.oneLine(e) + ")", e);
        }
    }
}
