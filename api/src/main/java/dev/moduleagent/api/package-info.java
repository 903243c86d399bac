/**
 * The plug-in API of module-agent: what a component bundle implements ({@link dev.moduleagent.api.ComponentHandler}
 * for desired properties, {@link dev.moduleagent.api.CommandHandler} for commands) and what the agent offers it
 * ({@link dev.moduleagent.api.ApplyContext}, {@link dev.moduleagent.api.ReportedProperties},
 * {@link dev.moduleagent.api.Telemetry}).
 *
 * <p>Values exchanged with the twin are plain Java: {@code Map<String, Object>} whose values are {@code String},
 * {@code Long} or {@code Double} (any {@code Number} is accepted when reporting), {@code Boolean}, {@code List<Object>},
 * nested {@code Map<String, Object>}, or {@code null} (which deletes a reported property). No SDK or JSON-library type
 * appears here, so plug-ins depend on nothing but this package.
 *
 * <p>1.1.0 added {@link dev.moduleagent.api.CommandHandler}, {@link dev.moduleagent.api.CommandRequest},
 * {@link dev.moduleagent.api.CommandResponse} and {@link dev.moduleagent.api.Telemetry}; plug-ins built against 1.0
 * keep working.
 *
 * <p>1.2.0 added {@link dev.moduleagent.api.ComponentName}, the typed component property that names a handler's
 * component (the raw {@code moduleagent.component} property still works); {@link dev.moduleagent.api.ReportedProperties}
 * became a per-bundle service that writes only the components the calling bundle's handlers name; and
 * {@link dev.moduleagent.api.ComponentHandler#validate} also runs when a newer section arrives, so that a rejected one
 * does not abort the work in flight.
 *
 * <p>This package is its own bundle, {@code dev.moduleagent.api} (Maven {@code dev.moduleagent:module-agent-api}),
 * versioned like the package and baselined at build time against the last release: a change that breaks plug-ins
 * without a major version fails the build.
 */
@Export
@Version("1.2.0")
package dev.moduleagent.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
