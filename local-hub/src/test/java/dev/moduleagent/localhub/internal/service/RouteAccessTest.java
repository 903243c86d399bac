package dev.moduleagent.localhub.internal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.moduleagent.localhub.internal.sas.Permission;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteAccessTest {

    private static RouteAccess.Requirement of(HttpMethod method, String uri) {
        return RouteAccess.of(ServiceRequest.of(method, uri, null, new byte[0]));
    }

    private static RouteAccess.Requirement need(Permission permission, String... resource) {
        return new RouteAccess.Requirement(Set.of(permission), List.of(resource));
    }

    @Test
    void registryReadsNeedRegistryReadAndWritesRegistryWrite() {
        assertEquals(need(Permission.REGISTRY_READ, "devices"), of(HttpMethod.GET, "/devices"));
        assertEquals(need(Permission.REGISTRY_READ, "devices", "d"), of(HttpMethod.GET, "/devices/d?api-version=2021-04-12"));
        assertEquals(need(Permission.REGISTRY_WRITE, "devices", "d", "modules", "m"), of(HttpMethod.PUT, "/devices/d/modules/m"));
        assertEquals(need(Permission.REGISTRY_WRITE, "devices", "d"), of(HttpMethod.DELETE, "/devices/d"));
    }

    @Test
    void twinsMethodsAndTelemetryNeedServiceConnectOnTheIdentitysResource() {
        assertEquals(need(Permission.SERVICE_CONNECT, "devices", "d"), of(HttpMethod.GET, "/twins/d"));
        assertEquals(need(Permission.SERVICE_CONNECT, "devices", "d", "modules", "m"), of(HttpMethod.POST, "/twins/d/modules/m/methods"));
        assertEquals(need(Permission.SERVICE_CONNECT, "devices", "d", "modules", "m"), of(HttpMethod.GET, "/devices/d/modules/m/events"));
    }

    @Test
    void unclassifiedPathsNeedEveryPermission() {
        assertEquals(Permission.all(), of(HttpMethod.GET, "/certificates").permissions());
        assertEquals(Permission.all(), of(HttpMethod.GET, "/policies").permissions());
        assertEquals(Permission.all(), of(HttpMethod.GET, "/somewhere/else").permissions());
        assertEquals(Permission.all(), of(HttpMethod.GET, "/").permissions());
    }
}
