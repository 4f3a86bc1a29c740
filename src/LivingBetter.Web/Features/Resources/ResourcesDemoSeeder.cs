using LivingBetter.Web.Features.Demo;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Resources;

/// <summary>A directory of fictional groups and services for each demo locality, with a few notes from people who went.</summary>
public sealed class ResourcesDemoSeeder : IDemoSeeder
{
    public int Order => 51;

    private sealed record Spec(string Name, ResourceCategory Category, string Description, string WhoItSuits, string HowToGetThere, string Contact);

    // {0} is the locality's name.
    private static readonly Spec[] PerLocality =
    [
        new("{0} Walking for Wellbeing", ResourceCategory.Club,
            "Free, gentle walks of about an hour every Wednesday morning, finishing with a hot drink. Walk leaders go at the pace of the slowest walker.",
            "Anyone who would like fresh air and quiet company. You do not have to talk.", "Meet at the main gate of {0} Park. Buses stop outside.", "Ask for the walk leader on the day, or phone 01632 960101"),
        new("{0} Community Choir", ResourceCategory.Society,
            "A choir that does not hold auditions. We sing pop, folk and gospel, learn by ear, and have tea halfway through.",
            "Anyone who likes singing, however well. Many members came when they were going through a hard time.", "{0} Methodist Church hall, a five-minute walk from the bus station.", "choir@example.org"),
        new("{0} Allotment and Growing Group", ResourceCategory.CommunityGroup,
            "A shared plot where people grow vegetables and flowers together. Tools, gloves and seeds provided.",
            "People who like being outdoors and doing something practical. Good if groups feel too much: you can work on your own bed.", "Allotments behind {0} Leisure Centre. Level paths; accessible toilet in the centre.", "01632 960102"),
        new("{0} Money and Debt Advice", ResourceCategory.MoneyAdvice,
            "Free, confidential advice on debt, budgeting and benefits, including help with forms and appeals. Drop-in on Mondays and Thursdays.",
            "Anyone worried about money. You can bring someone with you.", "The advice centre above {0} Library. There is a lift.", "01632 960103 (Monday to Friday, 9am to 5pm)"),
        new("{0} Housing Help Point", ResourceCategory.Housing,
            "Help if you are homeless, at risk of losing your home, or living somewhere that is making you unwell.",
            "Anyone in {0} with a housing problem, including people in supported housing.", "{0} Council offices, ground floor. Ask at reception.", "01632 960104"),
        new("{0} Peer Support Café", ResourceCategory.PeerSupport,
            "A relaxed café evening run by people with their own experience of mental health problems. No forms, no assessments.",
            "Anyone going through a hard time with their mental health, and people who have been through it.", "The back room of {0} Community Centre. Step-free entrance at the side.", "Just turn up, Thursdays 6pm to 8pm"),
        new("{0} Work and Volunteering Support", ResourceCategory.Employment,
            "One-to-one help to find paid work, study or volunteering that fits you, and support to stay in work once you start.",
            "Anyone who would like to work or volunteer, whatever their experience.", "Ground floor of {0} Enterprise Centre.", "01632 960105"),
    ];

    private static readonly Spec[] Shared =
    [
        new("Night-time Listening Line (demo)", ResourceCategory.VoluntarySector,
            "A free phone line run by trained volunteers who listen, every night from 6pm to 2am. They will not tell you what to do.",
            "Anyone who needs to talk. You do not have to be in crisis.", "By phone, from anywhere.", "0800 000 0000 (demo number)"),
        new("Online Peer Support Forum (demo)", ResourceCategory.PeerSupport,
            "A moderated online community where people share what helps them day to day.",
            "People who prefer writing to talking, or cannot get out easily.", "Online, on any phone or computer.", "Sign up on the website"),
    ];

    private static readonly string[] Notes =
    [
        "I was nervous the first time but someone met me at the door. I've been going for six months now.",
        "Very relaxed. Nobody asked why I was there.",
        "It can be busy at the start; if that's hard, arrive ten minutes late when it has settled.",
        "The people are kind. The tea is terrible!",
        "I went with my support worker the first time, which helped.",
        "Quiet and friendly. Good if you don't want to talk much.",
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var localities = await db.Localities.Where(l => l.OrganisationId == context.Organisation.Id).OrderBy(l => l.Name).ToListAsync(ct);
        var resources = new List<CommunityResource>();
        foreach (var locality in localities)
        {
            resources.AddRange(PerLocality.Select(s => Make(s, context.Organisation.Id, locality, context.HistoryStart)));
        }
        resources.AddRange(Shared.Select(s => Make(s, null, null, context.HistoryStart)));
        db.AddRange(resources);

        var writers = context.People.Where(p => p.UserId is not null).Skip(1).Take(40).ToList();
        foreach (var resource in resources)
        {
            var count = context.Random.Next(0, 3);
            for (var i = 0; i < count; i++)
            {
                db.Add(new ResourceNote
                {
                    Id = Guid.NewGuid(),
                    ResourceId = resource.Id,
                    AuthorUserId = context.Pick(writers).UserId!.Value,
                    Text = context.Pick(Notes),
                    CreatedAt = context.Now.AddDays(-context.Random.Next(5, 300)),
                });
            }
        }

        // Alex, supported in the first locality, has linked two groups and has one suggestion from their care co-ordinator.
        var alex = context.People[0];
        var home = resources.Where(r => r.LocalityId == localities.FirstOrDefault(l => l.Name == "Northbridge")?.Id).ToList();
        if (home.Count >= 3)
        {
            db.Add(new ResourceLink { Id = Guid.NewGuid(), PersonId = alex.Id, ResourceId = home[0].Id, Status = ResourceLinkStatus.Linked, Note = "Wednesday mornings, before my shift", CreatedAt = context.Now.AddDays(-40), RespondedAt = context.Now.AddDays(-40) });
            db.Add(new ResourceLink { Id = Guid.NewGuid(), PersonId = alex.Id, ResourceId = home[5].Id, Status = ResourceLinkStatus.Linked, Note = "", CreatedAt = context.Now.AddDays(-20), RespondedAt = context.Now.AddDays(-20) });
            db.Add(new ResourceLink { Id = Guid.NewGuid(), PersonId = alex.Id, ResourceId = home[1].Id, Status = ResourceLinkStatus.Suggested, Note = "You said you used to love singing.", SuggestedByUserId = context.Accounts["staff"].Id, CreatedAt = context.Now.AddDays(-3) });
        }

        // The administrator's queue: one suggestion from Priya waiting, one declined earlier. And one group that has
        // closed: retired from the directory, but still in Alex's plan, marked as no longer listed.
        if (home.Count >= 3)
        {
            var northbridge = home[0].LocalityId;
            db.Add(new ResourceProposal
            {
                Id = Guid.NewGuid(),
                OrganisationId = context.Organisation.Id,
                ProposedByUserId = context.Accounts["staff"].Id,
                LocalityId = northbridge,
                Category = ResourceCategory.Club,
                Name = "Northbridge Tuesday Craft Club",
                Description = "Knitting, sewing and card-making in the library every Tuesday afternoon. Materials provided; a small donation for tea.",
                WhoItSuits = "Anyone who likes making things. Several of the people I work with go and say it is very welcoming.",
                HowToGetThere = "Northbridge Library, first floor. There is a lift.",
                Contact = "Ask at the library desk",
                ProposedAt = context.Now.AddDays(-2),
                Status = ResourceProposalStatus.Pending,
            });
            db.Add(new ResourceProposal
            {
                Id = Guid.NewGuid(),
                OrganisationId = context.Organisation.Id,
                ProposedByUserId = context.Accounts["peer"].Id,
                LocalityId = northbridge,
                Category = ResourceCategory.CommunityGroup,
                Name = "Northbridge Repair Café",
                Description = "Volunteers help you mend clothes, bikes and small electricals.",
                ProposedAt = context.Now.AddDays(-30),
                Status = ResourceProposalStatus.Declined,
                DeclineReason = "The repair café stopped meeting in the summer. We will list it again if it restarts.",
                DecidedAt = context.Now.AddDays(-28),
            });
            var closed = home[2];
            closed.RetiredAt = context.Now.AddDays(-7);
            closed.Version = 1;
            db.Add(new ResourceLink { Id = Guid.NewGuid(), PersonId = alex.Id, ResourceId = closed.Id, Status = ResourceLinkStatus.Linked, Note = "Ask about a raised bed", CreatedAt = context.Now.AddDays(-60), RespondedAt = context.Now.AddDays(-60) });
        }
        await db.SaveChangesAsync(ct);
    }

    private static CommunityResource Make(Spec s, Guid? orgId, Locality? locality, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(),
        OrganisationId = orgId,
        LocalityId = locality?.Id,
        Category = s.Category,
        Name = string.Format(System.Globalization.CultureInfo.InvariantCulture, s.Name, locality?.Name),
        Description = s.Description,
        WhoItSuits = string.Format(System.Globalization.CultureInfo.InvariantCulture, s.WhoItSuits, locality?.Name),
        HowToGetThere = string.Format(System.Globalization.CultureInfo.InvariantCulture, s.HowToGetThere, locality?.Name),
        Contact = s.Contact,
        Website = "",
        CreatedAt = at,
    };
}
