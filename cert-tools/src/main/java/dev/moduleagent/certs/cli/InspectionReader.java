package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.certs.Pkcs12;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads whatever {@code inspect} is given (PEM with any mix of blocks, DER certificate/CSR/key, PKCS#12) into facts. */
final class InspectionReader {

    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");

    private final Path file;
    private final char[] passphrase;
    private final Instant now;
    private final List<Map<String, Object>> items = new ArrayList<>();
    private List<X509Certificate> chain = List.of();
    private String format;

    InspectionReader(Path file, char[] passphrase, Instant now) {
        this.file = file;
        this.passphrase = passphrase;
        this.now = now;
    }

    /** @return {file, format, items[], chain{...}} */
    Map<String, Object> read() throws CertificateToolException {
        byte[] bytes = Pem.read(file);
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (text.contains("-----BEGIN ")) {
            format = "PEM";
            readPem(blockTypes(text));
        } else {
            readBinary();
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("file", file.toString());
        report.put("format", format);
        report.put("items", items);
        if (chain.size() > 1) {
            report.put("chain", chainFacts());
        }
        return report;
    }

    private void readPem(Set<String> types) throws CertificateToolException {
        if (types.contains("CERTIFICATE")) {
            certificates(Pem.readCertificates(file));
        }
        if (types.contains("CERTIFICATE REQUEST") || types.contains("NEW CERTIFICATE REQUEST")) {
            items.add(CertificateFacts.request(Pem.readCsr(file)));
        }
        if (types.stream().anyMatch(type -> type.endsWith("PRIVATE KEY"))) {
            boolean encrypted = types.contains("ENCRYPTED PRIVATE KEY") || isLegacyEncrypted();
            if (encrypted && passphrase == null) {
                items.add(CertificateFacts.encryptedKey());
            } else {
                items.add(CertificateFacts.key(Pem.readPrivateKey(file, passphrase)));
            }
        }
        if (items.isEmpty()) {
            throw new CertificateToolException(file + ": no certificate, request or private key in this PEM file (found: "
                    + String.join(", ", types) + ")");
        }
    }

    private void readBinary() throws CertificateToolException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".p12") && !name.endsWith(".pfx")) {
            try {
                format = "DER";
                certificates(Pem.readCertificates(file));
                return;
            } catch (CertificateToolException notCertificate) {
                if (tryCsrOrKey()) {
                    return;
                }
            }
        }
        format = "PKCS#12";
        if (passphrase == null) {
            throw new CertificateToolException(file + (name.endsWith(".p12") || name.endsWith(".pfx")
                    ? ": reading a PKCS#12 file needs its passphrase" : ": not a DER certificate, request or key; if it "
                    + "is PKCS#12, give its passphrase") + " (--passphrase-file or --passphrase-env)");
        }
        Pkcs12.Contents contents = Pkcs12.read(file, passphrase);
        if (contents.key() != null) {
            items.add(CertificateFacts.key(contents.key()));
        }
        certificates(contents.chain());
        contents.trusted().forEach(cert -> items.add(CertificateFacts.certificate(cert, now)));
    }

    private boolean tryCsrOrKey() {
        try {
            items.add(CertificateFacts.request(Pem.readCsr(file)));
            return true;
        } catch (CertificateToolException notCsr) {
            try {
                items.add(CertificateFacts.key(Pem.readPrivateKey(file, null)));
                return true;
            } catch (CertificateToolException notKey) {
                return false;
            }
        }
    }

    private void certificates(List<X509Certificate> certs) {
        certs.forEach(cert -> items.add(CertificateFacts.certificate(cert, now)));
        if (!certs.isEmpty()) {
            chain = certs;
        }
    }

    private Map<String, Object> chainFacts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        List<String> problems = CertificateFacts.chainProblems(chain);
        X509Certificate last = chain.get(chain.size() - 1);
        facts.put("length", chain.size());
        facts.put("leafFirst", problems.isEmpty());
        facts.put("endsWithRoot", last.getSubjectX500Principal().equals(last.getIssuerX500Principal()));
        facts.put("problems", problems);
        return facts;
    }

    private boolean isLegacyEncrypted() throws CertificateToolException {
        return new String(Pem.read(file), StandardCharsets.US_ASCII).contains("Proc-Type: 4,ENCRYPTED");
    }

    private static Set<String> blockTypes(String text) {
        Set<String> types = new TreeSet<>();
        Matcher matcher = BEGIN.matcher(text);
        while (matcher.find()) {
            types.add(matcher.group(1));
        }
        return types;
    }
}
