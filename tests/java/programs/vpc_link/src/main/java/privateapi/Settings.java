// The constants of the vpc_link twin: read by App.java as Settings.NAME.
package privateapi;

import java.util.List;

final class Settings {
    static final String VPC = "vpc-0123456789abcdef0";
    static final List<String> SUBNETS = List.of("subnet-0a1b2c3d", "subnet-4e5f6a7b");
    static final String SERVER_NAME = "orders.internal." + "example.com";

    private Settings() {
    }
}
