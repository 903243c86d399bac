package dev.moduleagent.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyPairsTest {

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void generatesKeysOfTheRequestedTypeAndSize(KeyAlgorithm algorithm) {
        KeyPair keys = KeyPairs.generate(algorithm);

        assertEquals(algorithm.family(), keys.getPublic().getAlgorithm());
        int bits = keys.getPublic() instanceof ECPublicKey ec
                ? ec.getParams().getCurve().getField().getFieldSize()
                : ((RSAPublicKey) keys.getPublic()).getModulus().bitLength();
        assertEquals(algorithm.bits(), bits);
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"EC_P256", "EC_P384", "RSA_2048"})
    void rebuildsThePublicKeyFromThePrivateKey(KeyAlgorithm algorithm) throws Exception {
        KeyPair keys = KeyPairs.generate(algorithm);

        assertEquals(keys.getPublic(), KeyPairs.fromPrivate(keys.getPrivate()).getPublic());
    }

    @Test
    void matchesOnlyTheCertificateOfItsOwnKey() throws Exception {
        IdentityName name = IdentityName.of("device01", "module01");
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        KeyPair other = KeyPairs.generate(KeyAlgorithm.EC_P256);
        KeyPair rsa = KeyPairs.generate(KeyAlgorithm.RSA_2048);
        X509Certificate cert = SelfSigned.clientCertificate(keys, name, Duration.ofDays(1));

        assertTrue(KeyPairs.matches(keys.getPrivate(), cert));
        assertFalse(KeyPairs.matches(other.getPrivate(), cert));
        assertFalse(KeyPairs.matches(rsa.getPrivate(), cert));
    }

    @Test
    void matchesAPemKeyReadWhileBouncyCastleIsARegisteredProvider(@TempDir Path dir) throws Exception {
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        X509Certificate cert = SelfSigned.clientCertificate(keys, IdentityName.of("device01", "module01"), Duration.ofDays(1));
        Path file = dir.resolve("key.pem");
        Pem.writePrivateKey(file, keys.getPrivate(), null, false);
        boolean added = Security.addProvider(new BouncyCastleProvider()) > 0;
        try {
            PrivateKey read = Pem.readPrivateKey(file, null);

            assertTrue(KeyPairs.matches(read, cert), "key algorithm " + read.getAlgorithm());
        } finally {
            if (added) {
                Security.removeProvider(BouncyCastleProvider.PROVIDER_NAME);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ec-p256", "P256", "ec_p256", "EC-P256"})
    void parsesSpellingsOfP256(String text) throws Exception {
        assertEquals(KeyAlgorithm.EC_P256, KeyAlgorithm.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa2048", "rsa-2048", "RSA_2048"})
    void parsesSpellingsOfRsa2048(String text) throws Exception {
        assertEquals(KeyAlgorithm.RSA_2048, KeyAlgorithm.parse(text));
    }

    @Test
    void rejectsUnknownAlgorithmNamingIt() {
        CertificateToolException e = assertThrows(CertificateToolException.class, () -> KeyAlgorithm.parse("dsa-1024"));
        assertTrue(e.getMessage().contains("'dsa-1024'"), e.getMessage());
        assertTrue(e.getMessage().contains("ec-p256"), e.getMessage());
    }
}
