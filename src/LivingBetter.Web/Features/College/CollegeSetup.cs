namespace LivingBetter.Web.Features.College;

public static class CollegeSetup
{
    public static IServiceCollection AddCollege(this IServiceCollection services, IConfiguration configuration, IHostEnvironment env)
    {
        services.AddScoped<CollegeService>();
        services.AddScoped<CertificateWriter>();
        services.AddScoped<CollegeReport>();
        services.AddDemoCollege();
        // Tests drive reminders by calling the service with fake time; a background loop would race them.
        if (configuration.GetValue("College:SendReminders", !env.IsEnvironment("Testing")))
        {
            services.AddHostedService<CollegeReminderService>();
        }
        return services;
    }

    private static IServiceCollection AddDemoCollege(this IServiceCollection services) =>
        Demo.DemoSetup.AddDemoSeeder<CollegeDemoSeeder>(services);
}

/// <summary>Sends session reminders once an hour. The work is in <see cref="CollegeService.SendRemindersAsync"/>.</summary>
public sealed class CollegeReminderService(IServiceScopeFactory scopes, TimeProvider time, ILogger<CollegeReminderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sent = await scope.ServiceProvider.GetRequiredService<CollegeService>().SendRemindersAsync(stoppingToken);
                if (sent > 0 && logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("Sent {Count} Recovery College session reminders.", sent);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed run is retried next hour; reminders not yet marked as sent go then.
                logger.LogWarning(ex, "Sending Recovery College reminders failed.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
