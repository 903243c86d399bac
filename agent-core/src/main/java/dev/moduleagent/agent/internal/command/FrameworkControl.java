package dev.moduleagent.agent.internal.command;

import java.util.Map;

/** What the agent's own commands do to the framework: the seam between {@link AgentCommands} and OSGi. */
public interface FrameworkControl {

    /**
     * Stops and starts one plug-in bundle.
     *
     * @param plugin a component name (the bundle whose handler serves it) or a bundle symbolic name
     * @return the bundle's symbolic name, version and state afterwards
     * @throws CommandFailure when there is no such plug-in (404), it may not be restarted (400) or did not start (500)
     */
    Map<String, Object> restartPlugin(String plugin) throws CommandFailure;

    /**
     * Stops every bundle and the framework cleanly; the launcher then exits with its "restart requested" code, on
     * which the service unit starts the agent again. Returns at once; the stop happens on another thread.
     */
    void restartAgent();
}
