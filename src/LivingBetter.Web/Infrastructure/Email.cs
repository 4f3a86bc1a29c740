using System.Net;
using System.Net.Mail;

namespace LivingBetter.Web.Infrastructure;

public sealed record EmailMessage(string To, string Subject, string TextBody);

public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken ct = default);
}

public sealed class EmailOptions
{
    /// <summary>Folder for .eml files when no SMTP host is configured.</summary>
    public string PickupDirectory { get; set; } = "App_Data/mail";
    public string From { get; set; } = "LivingBetter <no-reply@livingbetter.invalid>";
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public bool SmtpUseSsl { get; set; } = true;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
}

/// <summary>Writes each message as an .eml file, so a fresh install sends nothing anywhere by accident.</summary>
public sealed class PickupFolderEmailSender(EmailOptions options, IHostEnvironment env) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        var dir = Path.IsPathRooted(options.PickupDirectory)
            ? options.PickupDirectory
            : Path.Combine(env.ContentRootPath, options.PickupDirectory);
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
        var text = $"From: {options.From}\r\nTo: {message.To}\r\nSubject: {message.Subject}\r\n" +
                   "Content-Type: text/plain; charset=utf-8\r\n\r\n" + message.TextBody;
        await File.WriteAllTextAsync(file, text, ct);
    }
}

public sealed class SmtpEmailSender(EmailOptions options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        using var client = new SmtpClient(options.SmtpHost, options.SmtpPort) { EnableSsl = options.SmtpUseSsl };
        if (!string.IsNullOrEmpty(options.SmtpUser))
        {
            client.Credentials = new NetworkCredential(options.SmtpUser, options.SmtpPassword);
        }
        using var mail = new MailMessage(options.From, message.To, message.Subject, message.TextBody);
        await client.SendMailAsync(mail, ct);
    }
}

public static class EmailSetup
{
    public static IServiceCollection AddLivingBetterEmail(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Email").Get<EmailOptions>() ?? new EmailOptions();
        services.AddSingleton(options);
        if (string.IsNullOrWhiteSpace(options.SmtpHost))
        {
            services.AddSingleton<IEmailSender, PickupFolderEmailSender>();
        }
        else
        {
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }
        return services;
    }
}
