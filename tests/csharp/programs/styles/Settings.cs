namespace Styles;

public static class Settings
{
    public const int Timeout = 45_000;
    public static readonly string Backend = "backend.internal";
    public static string Mutable = "ftp://";  // neither const nor readonly: not known
}
