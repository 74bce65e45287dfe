// The network the private integrations reach (a second file of the project).
namespace VpcLinkTwin;

static class Network
{
    public const string VpcId = "vpc-0123456789abcdef0";
    public static readonly string[] Subnets = { "subnet-0a1b2c3d", "subnet-4e5f6a7b" };
    public static readonly string ServerName = "orders.internal." + "example.com";
}
