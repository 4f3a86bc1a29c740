namespace LivingBetter.Web.Model;

/// <summary>
/// Wrong claim codes from one client address in the current window (ADR 0024). The address is kept only
/// as a keyed hash, and a row goes once its window is over.
/// </summary>
public sealed class ClaimLockout
{
    /// <summary>HMAC-SHA256 of the client address under <see cref="ClaimLockoutKey"/>, lower-case hex.</summary>
    public string AddressHash { get; set; } = "";

    /// <summary>When the first wrong code of the window was entered.</summary>
    public DateTimeOffset WindowStart { get; set; }

    public int Failures { get; set; }
}

/// <summary>
/// The key for <see cref="ClaimLockout.AddressHash"/> when none is configured: made once, on first use,
/// so that every instance of the application and every restart hash an address alike.
/// </summary>
public sealed class ClaimLockoutKey
{
    public int Id { get; set; }
    public byte[] Key { get; set; } = [];
}
