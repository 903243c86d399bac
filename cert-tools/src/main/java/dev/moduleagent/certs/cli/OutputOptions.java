package dev.moduleagent.certs.cli;

import picocli.CommandLine.Option;

/** {@code --force}: whether existing output files may be replaced. */
final class OutputOptions {

    @Option(names = "--force", description = "Overwrite existing output files.")
    private boolean force;

    /** @return true when existing files may be replaced */
    boolean overwrite() {
        return force;
    }
}
