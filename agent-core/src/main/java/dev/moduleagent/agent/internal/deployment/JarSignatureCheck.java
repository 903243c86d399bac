package dev.moduleagent.agent.internal.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Checks a plug-in jar's signature with the JDK's own {@link JarFile} verification: every entry (except the manifest
 * and the signature files) must be signed, and by a signer whose certificate chain contains a certificate of the
 * trust file. Reading every entry makes the JDK compare each entry's digest with the signed manifest, so a changed
 * byte is caught; an entry the signature does not cover ("unsigned extra") is refused.
 */
final class JarSignatureCheck {

    private final Set<Certificate> trusted;
    private final boolean allowUnsigned;

    private JarSignatureCheck(Set<Certificate> trusted, boolean allowUnsigned) {
        this.trusted = trusted;
        this.allowUnsigned = allowUnsigned;
    }

    /**
     * @param trustFile PEM certificates; a missing file trusts nobody
     * @param allowUnsigned whether jars without any signature pass
     * @return the check
     * @throws IOException when the file exists but cannot be read as certificates
     */
    static JarSignatureCheck load(Path trustFile, boolean allowUnsigned) throws IOException {
        Set<Certificate> trusted = new HashSet<>();
        if (Files.isRegularFile(trustFile)) {
            try (InputStream in = Files.newInputStream(trustFile)) {
                trusted.addAll(CertificateFactory.getInstance("X.509").generateCertificates(in));
            } catch (CertificateException e) {
                throw new IOException(trustFile + ": not PEM certificates: " + e.getMessage(), e);
            }
        }
        return new JarSignatureCheck(trusted, allowUnsigned);
    }

    /**
     * @param jar the downloaded jar
     * @return who signed it ({@code "unsigned (allowed by plugins.allowUnsigned)"} when allowed)
     * @throws DeploymentFailure 422 tampered or not a jar, 403 unsigned, partly signed or signed by an untrusted key
     */
    String verify(Path jar) throws DeploymentFailure {
        List<String> unsigned = new ArrayList<>();
        String signer = null;
        int content = 0;
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                try (InputStream in = file.getInputStream(entry)) {
                    in.transferTo(OutputStream.nullOutputStream()); // digest check happens while reading
                }
                if (entry.isDirectory() || isSignatureFile(entry.getName())) {
                    continue;
                }
                content++;
                String by = trustedSigner(entry.getCodeSigners());
                if (by == null) {
                    unsigned.add(entry.getName());
                } else {
                    signer = by;
                }
            }
        } catch (SecurityException e) {
            throw new DeploymentFailure(422, "the jar's signature does not match its content (tampered?): "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new DeploymentFailure(422, "not a readable jar: " + e.getMessage(), e);
        }
        return judge(signer, unsigned, content);
    }

    private String judge(String signer, List<String> unsigned, int content) throws DeploymentFailure {
        if (unsigned.isEmpty() && content > 0) {
            return signer;
        }
        if (signer == null && unsigned.size() == content) {
            if (allowUnsigned) {
                return "unsigned (allowed by plugins.allowUnsigned)";
            }
            throw new DeploymentFailure(403, "the jar is not signed by a trusted signer (unsigned, or signed by a key "
                    + "not in the plug-in trust file); unsigned jars need plugins.allowUnsigned=true");
        }
        throw new DeploymentFailure(403, unsigned.size() + " entr" + (unsigned.size() == 1 ? "y is" : "ies are")
                + " not signed by a trusted signer, e.g. " + unsigned.get(0));
    }

    private String trustedSigner(CodeSigner[] signers) {
        if (signers == null) {
            return null;
        }
        for (CodeSigner signer : signers) {
            for (Certificate cert : signer.getSignerCertPath().getCertificates()) {
                if (trusted.contains(cert)) {
                    return ((X509Certificate) signer.getSignerCertPath().getCertificates().get(0))
                            .getSubjectX500Principal().getName();
                }
            }
        }
        return null;
    }

    private static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        return upper.equals("META-INF/MANIFEST.MF") || upper.endsWith(".SF") || upper.endsWith(".RSA")
                || upper.endsWith(".DSA") || upper.endsWith(".EC") || upper.startsWith("META-INF/SIG-");
    }
}
