using System.Buffers.Binary;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Accounts;

/// <summary>
/// The rest of the suite hashes passwords with few rounds to save time (<see cref="LivingBetterApp.TestPasswordHashIterations"/>);
/// this is the check that the application itself keeps the slow, strong setting.
/// </summary>
public sealed class PasswordHashingTests
{
    [Fact]
    public async Task Register_WithTheApplicationsOwnSettings_StoresAVersion3HashOfAtLeast100000RoundsThatSignsIn()
    {
        using var app = new LivingBetterApp { RealPasswordHashing = true };
        var person = await app.CreatePersonAsync();

        var hash = await app.WithDbAsync(db => db.Set<AppUser>().Where(u => u.Id == person.UserId).Select(u => u.PasswordHash!).SingleAsync());
        var bytes = Convert.FromBase64String(hash);
        // Identity's version 3 format: a 0x01 marker, the PRF, then the round count, big-endian.
        Assert.Equal(0x01, bytes[0]);
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4)) >= 100_000);
        await app.SignInAsync(person);
    }

    [Fact]
    public async Task Register_InOtherTests_UsesTheCheaperTestSetting()
    {
        using var app = new LivingBetterApp();
        var person = await app.CreatePersonAsync();

        var hash = await app.WithDbAsync(db => db.Set<AppUser>().Where(u => u.Id == person.UserId).Select(u => u.PasswordHash!).SingleAsync());
        Assert.Equal((uint)LivingBetterApp.TestPasswordHashIterations, BinaryPrimitives.ReadUInt32BigEndian(Convert.FromBase64String(hash).AsSpan(5, 4)));
    }
}
