package dev.moduleagent.localhub.cli;

import dev.moduleagent.localhub.ServiceClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A CLI command that talks to a running hub over its service API. */
abstract class ServiceCall implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HubOptions hub;

    @Override
    public final Integer call() throws Exception {
        return run(hub.client(), spec.commandLine().getOut());
    }

    abstract int run(ServiceClient client, PrintWriter out) throws Exception;

    CommandLine commandLine() {
        return spec.commandLine();
    }
}
