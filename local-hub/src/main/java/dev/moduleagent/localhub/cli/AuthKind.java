package dev.moduleagent.localhub.cli;

/** The {@code --auth} choices of {@code device create} and {@code module create}. */
enum AuthKind {
    X509_THUMBPRINT("x509-thumbprint"),
    X509_CA("x509-ca"),
    SAS("sas");

    private final String label;

    AuthKind(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }

    /** picocli converter: accepts the labels (x509-thumbprint, x509-ca, sas). */
    static AuthKind parse(String text) {
        for (AuthKind kind : values()) {
            if (kind.label.equalsIgnoreCase(text) || kind.name().equalsIgnoreCase(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("expected one of x509-thumbprint, x509-ca, sas");
    }
}
