package dev.moduleagent.certs.internal;

import dev.moduleagent.certs.CertificateToolException;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Encodes private keys as PKCS#8 PEM (optionally encrypted with PBES2, AES-256-CBC, HMAC-SHA256 as OpenSSL 3 does)
 * and decodes the PEM forms OpenSSL writes: PKCS#8, encrypted PKCS#8, and traditional PKCS#1 / SEC1 (also
 * encrypted). Keys come back as JDK key objects, so they work with JSSE as they are.
 */
public final class PrivateKeyCodec {

    private static final int PBKDF2_ITERATIONS = 100_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PrivateKeyCodec() {
    }

    /**
     * @param key the key
     * @param passphrase null for an unencrypted key
     * @return PEM text: {@code PRIVATE KEY} or {@code ENCRYPTED PRIVATE KEY}
     */
    public static String encode(PrivateKey key, char[] passphrase) {
        try {
            OutputEncryptor encryptor = null;
            if (passphrase != null) {
                encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                        .setPRF(PKCS8Generator.PRF_HMACSHA256)
                        .setIterationCount(PBKDF2_ITERATIONS)
                        .setRandom(RANDOM)
                        .setProvider(BouncyCastle.PROVIDER)
                        .setPassword(passphrase)
                        .build();
            }
            return PemCodec.encode(List.of(new JcaPKCS8Generator(key, encryptor)));
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot encode a " + key.getAlgorithm() + " private key", e);
        }
    }

    /**
     * @param bytes PEM text holding one private key (other blocks such as EC PARAMETERS or certificates are skipped)
     * @param passphrase the passphrase, or null when the key is not encrypted
     * @param source names the input in messages
     * @return the private key
     * @throws CertificateToolException when there is no key, it is malformed, encrypted with no passphrase given,
     *     or the passphrase is wrong
     */
    public static PrivateKey decode(byte[] bytes, char[] passphrase, String source) throws CertificateToolException {
        if (!PemCodec.isPem(bytes)) {
            return fromInfo(derInfo(bytes, source), source);
        }
        for (Object object : PemCodec.parseAll(bytes, source)) {
            if (object instanceof PrivateKeyInfo info) {
                return fromInfo(info, source);
            } else if (object instanceof PEMKeyPair pair) {
                return fromInfo(pair.getPrivateKeyInfo(), source);
            } else if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                return fromInfo(decrypt(encrypted, requirePassphrase(passphrase, source), source), source);
            } else if (object instanceof PEMEncryptedKeyPair encrypted) {
                return fromInfo(decrypt(encrypted, requirePassphrase(passphrase, source), source), source);
            }
        }
        throw new CertificateToolException(source + ": no private key found");
    }

    private static PrivateKeyInfo derInfo(byte[] bytes, String source) throws CertificateToolException {
        try {
            return PrivateKeyInfo.getInstance(bytes);
        } catch (RuntimeException e) {
            throw new CertificateToolException(source + ": not a private key (neither PEM nor DER PKCS#8)", e);
        }
    }

    private static char[] requirePassphrase(char[] passphrase, String source) throws CertificateToolException {
        if (passphrase == null) {
            throw new CertificateToolException(source
                    + ": the key is encrypted; give its passphrase with --passphrase-file or --passphrase-env");
        }
        return passphrase;
    }

    private static PrivateKeyInfo decrypt(PKCS8EncryptedPrivateKeyInfo encrypted, char[] passphrase, String source)
            throws CertificateToolException {
        try {
            InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(BouncyCastle.PROVIDER).build(passphrase);
            return encrypted.decryptPrivateKeyInfo(decryptor);
        } catch (Exception e) { // BC reports a wrong passphrase as several unrelated exception types
            throw new CertificateToolException(source + ": wrong passphrase (the key cannot be decrypted)", e);
        }
    }

    private static PrivateKeyInfo decrypt(PEMEncryptedKeyPair encrypted, char[] passphrase, String source)
            throws CertificateToolException {
        try {
            return encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BouncyCastle.PROVIDER)
                    .build(passphrase)).getPrivateKeyInfo();
        } catch (Exception e) { // as above
            throw new CertificateToolException(source + ": wrong passphrase (the key cannot be decrypted)", e);
        }
    }

    private static PrivateKey fromInfo(PrivateKeyInfo info, String source) throws CertificateToolException {
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (PEMException | RuntimeException e) {
            throw new CertificateToolException(source + ": unsupported or damaged private key ("
                    + PemCodec.oneLine(e) + ")", e);
        }
    }
}
