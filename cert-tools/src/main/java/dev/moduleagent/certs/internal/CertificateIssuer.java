package dev.moduleagent.certs.internal;

import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds and signs X.509 v3 certificates for the profiles cert-tools needs (CA, client, server, proof of
 * possession). Serial numbers are random 159-bit positive integers; validity starts one minute in the past.
 */
public final class CertificateIssuer {

    /** What a certificate is for; decides its extensions. */
    public enum Profile { ROOT_CA, INTERMEDIATE_CA, CLIENT, SERVER, VERIFICATION, CODE_SIGNING }

    private static final Duration BACKDATE = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X500Name issuer;
    private final PrivateKey issuerKey;
    private final PublicKey issuerPublicKey;

    /**
     * @param issuer the issuer's subject (the subject itself for a self-signed certificate)
     * @param issuerKey the key that signs
     * @param issuerPublicKey the issuer's public key, for the authority key identifier
     */
    public CertificateIssuer(X500Name issuer, PrivateKey issuerKey, PublicKey issuerPublicKey) {
        this.issuer = issuer;
        this.issuerKey = issuerKey;
        this.issuerPublicKey = issuerPublicKey;
    }

    /**
     * @param request what to certify
     * @return the signed certificate
     */
    public X509Certificate issue(CertificateRequest request) {
        Instant notBefore = Instant.now().minus(BACKDATE);
        Instant notAfter = Instant.now().plus(request.validity());
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(159, RANDOM).setBit(0),
                Date.from(notBefore), Date.from(notAfter), request.subject(), request.publicKey());
        try {
            addExtensions(builder, request);
            var signer = new JcaContentSignerBuilder(Algorithms.signatureAlgorithm(issuerKey)).build(issuerKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (CertIOException | OperatorCreationException | CertificateException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot issue a certificate for " + request.subject(), e);
        }
    }

    private void addExtensions(X509v3CertificateBuilder builder, CertificateRequest request)
            throws CertIOException, NoSuchAlgorithmException {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        boolean rsa = "RSA".equals(request.publicKey().getAlgorithm());
        switch (request.profile()) {
            case ROOT_CA -> caExtensions(builder, new BasicConstraints(true));
            case INTERMEDIATE_CA -> caExtensions(builder, new BasicConstraints(0));
            case CLIENT -> leafExtensions(builder, KeyUsage.digitalSignature, KeyPurposeId.id_kp_clientAuth);
            case CODE_SIGNING -> leafExtensions(builder, KeyUsage.digitalSignature, KeyPurposeId.id_kp_codeSigning);
            case SERVER -> {
                int usage = rsa ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature;
                leafExtensions(builder, usage, KeyPurposeId.id_kp_serverAuth);
                builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(request.subjectAltNames()));
            }
            case VERIFICATION -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            }
        }
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(request.publicKey()));
        builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerPublicKey));
    }

    private static void caExtensions(X509v3CertificateBuilder builder, BasicConstraints constraints) throws CertIOException {
        builder.addExtension(Extension.basicConstraints, true, constraints);
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
    }

    private static void leafExtensions(X509v3CertificateBuilder builder, int usage, KeyPurposeId purpose)
            throws CertIOException {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    }

    private static GeneralNames alternativeNames(List<String> names) {
        GeneralName[] general = new GeneralName[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            general[i] = new GeneralName(IpLiterals.isIpLiteral(name) ? GeneralName.iPAddress : GeneralName.dNSName, name);
        }
        return new GeneralNames(general);
    }
}
