package dev.moduleagent.certs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChainValidatorTest {

    private CertificateAuthority root;
    private CertificateAuthority intermediate;
    private X509Certificate leaf;

    @BeforeEach
    void issueChain() throws Exception {
        root = CertificateAuthority.createRoot("Root", KeyAlgorithm.EC_P256, Duration.ofDays(30));
        intermediate = root.createIntermediate("Intermediate", KeyAlgorithm.EC_P256, Duration.ofDays(20));
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        leaf = intermediate.signClient(CertificateRequests.create(keys, IdentityName.of("d1", "m1")), Duration.ofDays(2));
    }

    @Test
    void acceptsALeafFirstChainWithOrWithoutTheRoot() {
        assertDoesNotThrow(() -> ChainValidator.validate(List.of(leaf, intermediate.certificate()),
                List.of(root.certificate()), Instant.now()));
        assertDoesNotThrow(() -> ChainValidator.validate(List.of(leaf, intermediate.certificate(), root.certificate()),
                List.of(root.certificate()), Instant.now()));
    }

    @Test
    void rejectsAChainToAnotherRoot() {
        CertificateAuthority other = CertificateAuthority.createRoot("Other", KeyAlgorithm.EC_P256, Duration.ofDays(1));

        CertificateToolException e = assertThrows(CertificateToolException.class, () -> ChainValidator.validate(
                List.of(leaf, intermediate.certificate()), List.of(other.certificate()), Instant.now()));
        assertTrue(e.getMessage().startsWith("chain does not validate"), e.getMessage());
    }

    @Test
    void rejectsALeafThatHasExpiredAtTheGivenInstant() {
        CertificateToolException e = assertThrows(CertificateToolException.class, () -> ChainValidator.validate(
                List.of(leaf, intermediate.certificate()), List.of(root.certificate()), Instant.now().plus(Duration.ofDays(3))));
        assertTrue(e.getMessage().contains("certificate 1 (CN=d1/m1)"), e.getMessage());
    }

    @Test
    void rejectsAChainWithTheIntermediateMissing() {
        assertThrows(CertificateToolException.class,
                () -> ChainValidator.validate(List.of(leaf), List.of(root.certificate()), Instant.now()));
    }

    @Test
    void rejectsEmptyInput() {
        assertThrows(CertificateToolException.class,
                () -> ChainValidator.validate(List.of(), List.of(root.certificate()), Instant.now()));
        assertThrows(CertificateToolException.class, () -> ChainValidator.validate(List.of(leaf), List.of(), Instant.now()));
    }
}
