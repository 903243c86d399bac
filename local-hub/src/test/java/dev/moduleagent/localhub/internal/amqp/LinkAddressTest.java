package dev.moduleagent.localhub.internal.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.moduleagent.localhub.internal.identity.IdentityKey;
import org.junit.jupiter.api.Test;

class LinkAddressTest {

    @Test
    void theSdksModuleAndDeviceAddressesNameTheirNodeAndIdentity() {
        assertEquals(new LinkAddress(LinkAddress.Node.TWIN, IdentityKey.module("d", "m")), LinkAddress.parse("/devices/d/modules/m/twin"));
        assertEquals(new LinkAddress(LinkAddress.Node.METHODS, IdentityKey.module("d", "m")),
            LinkAddress.parse("/devices/d/modules/m/methods/devicebound"));
        assertEquals(new LinkAddress(LinkAddress.Node.TELEMETRY, IdentityKey.device("d")), LinkAddress.parse("/devices/d/messages/events"));
        assertEquals(new LinkAddress(LinkAddress.Node.CLOUD_TO_DEVICE, IdentityKey.device("d")),
            LinkAddress.parse("/devices/d/messages/devicebound"));
        assertEquals(new LinkAddress(LinkAddress.Node.CBS, null), LinkAddress.parse("$cbs"));
    }

    @Test
    void addressesIoTHubDoesNotOfferAreNone() {
        assertNull(LinkAddress.parse(null));
        assertNull(LinkAddress.parse("/devices/d/modules/m/nowhere"));
        assertNull(LinkAddress.parse("/devices//twin"));
        assertNull(LinkAddress.parse("/devices/d/modules//twin"));
        assertNull(LinkAddress.parse("devices/d/twin"));
        assertNull(LinkAddress.parse("/devices/d/modules/m/twin/extra"));
        assertNull(LinkAddress.parse("/devices/" + "x".repeat(600) + "/twin"));
    }
}
