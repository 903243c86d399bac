package dev.moduleagent.conformance;

/** What a {@link BundleCheck} does with the plug-in while its bundle is active in the framework. */
@FunctionalInterface
public interface ActiveCheck {

    /**
     * @param kit a kit over the plug-in's registered handler service (never closed by the kit)
     * @param reported the framework's {@code ReportedProperties} service
     * @throws Exception when the check fails
     */
    void run(ConformanceKit kit, ReportedPropertiesRecorder reported) throws Exception;
}
