package dev.moduleagent.conformance;

import java.util.List;
import java.util.Map;

/**
 * What a {@link BundleCheck} saw, after all its checks passed.
 *
 * @param symbolicName the plug-in bundle's symbolic name
 * @param version the plug-in bundle's version
 * @param serviceProperties the properties of its {@code ComponentHandler} service
 * @param threadsWhileActive names of the threads that appeared while the bundle was active (all gone after stop)
 * @param reported the reported sections the plug-in contributed through {@code ReportedProperties}
 */
public record BundleReport(String symbolicName, String version, Map<String, Object> serviceProperties,
        List<String> threadsWhileActive, Map<String, Map<String, Object>> reported) {
}
