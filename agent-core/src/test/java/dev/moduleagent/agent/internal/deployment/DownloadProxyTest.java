package dev.moduleagent.agent.internal.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DownloadProxyTest {

    @Test
    void GIVEN_a_proxy_and_exceptions_THEN_only_the_excepted_hosts_and_domains_go_direct() {
        DownloadProxy proxy = DownloadProxy.parse("http://proxy.lan:3128", " localhost, 10.0.0.5,.corp.example,*.lab ");

        Proxy via = proxy.select(URI.create("https://repo.example/x.jar")).get(0);
        assertEquals(Proxy.Type.HTTP, via.type());
        assertEquals(InetSocketAddress.createUnresolved("proxy.lan", 3128), via.address());
        for (String direct : List.of("http://LOCALHOST/x.jar", "http://10.0.0.5:8080/x.jar",
                "https://repo.corp.example/x.jar", "https://corp.example/x.jar", "https://a.b.lab/x.jar")) {
            assertEquals(List.of(Proxy.NO_PROXY), proxy.select(URI.create(direct)), direct);
        }
        assertEquals(via, proxy.select(URI.create("https://notcorp.example/x.jar")).get(0), "a suffix, not a domain");
        assertEquals(via, proxy.select(URI.create("http://10.0.0.50/x.jar")).get(0));
    }

    @Test
    void GIVEN_no_proxy_or_a_bad_one_THEN_direct_or_one_error_naming_the_key() {
        assertNull(DownloadProxy.parse(null, "localhost"));
        assertNull(DownloadProxy.parse("  ", null));
        for (String bad : List.of("proxy.lan:3128", "https://proxy.lan:3128", "http://proxy.lan",
                "http://user:secret@proxy.lan:3128", "http://proxy.lan:3128/path", "http://[bad")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DownloadProxy.parse(bad, null), bad);
            assertTrue(e.getMessage().startsWith("plugins.proxy is http://host:port"), e.getMessage());
            assertTrue(!e.getMessage().contains("secret"), "no password in the message: " + e.getMessage());
        }
    }

    @Test
    void GIVEN_the_agent_configuration_THEN_the_deployment_settings_carry_the_proxy() {
        DeploymentSettings settings = DeploymentSettings.from(Map.of("plugins.proxy", "http://127.0.0.1:3128",
                "plugins.noProxy", "127.0.0.2"), null, Path.of("data"));
        assertEquals("127.0.0.1:3128 except [127.0.0.2]", settings.proxy().toString());
        assertNull(DeploymentSettings.from(Map.of(), null, Path.of("data")).proxy());
    }
}
