using SesReview.Domain.Settings;

namespace SesReview.Domain.Tests;

public class SettingsTests
{
    [Fact]
    public void Defaults_match_the_memos_and_are_valid()
    {
        var o = new SesReviewOptions();
        o.Validate();

        Assert.Equal(new DateOnly(2021, 1, 19), o.DesignationReview.CutoffDate);
        Assert.Equal(new DateOnly(2021, 1, 20), o.DesignationReview.WindowStart);
        Assert.Equal(new DateOnly(2025, 1, 20), o.DesignationReview.WindowEnd);
        Assert.Equal(1461, o.DesignationReview.WindowDays);
        Assert.Equal(731, o.DesignationReview.MajorityDays);
        Assert.Equal(45, o.DesignationReview.DeadlineCalendarDays);
        Assert.Equal(50, o.DesignationReview.MinimumRetentionJustificationLength);
        Assert.Equal(new DateOnly(2025, 12, 19), o.AllocationReview.DueDate);
        Assert.Equal(0.08m, o.AllocationReview.VacancyExplanationThreshold);
        Assert.Equal(0.25m, o.NoncareerLimit.MaximumShare);
        Assert.Equal(4, o.NoncareerLimit.MinimumPositions);
        Assert.Equal(15, o.Reassignment.NoticeDays);
        Assert.Equal(60, o.Reassignment.NoticeDaysOutsideCommutingArea);
        Assert.Equal(120, o.Reassignment.MoratoriumDays);
        Assert.Equal("America/New_York", o.Calendar.TimeZoneId);
        Assert.Equal(new TimeOnly(17, 0), o.Calendar.CloseOfBusiness);
        Assert.True(o.Calendar.RollDeadlinesForward);
        Assert.Empty(o.Calendar.ExtraClosures);
    }

    public static TheoryData<Action<SesReviewOptions>, string> BadSettings => new()
    {
        { o => o.DesignationReview.MajorityDays = 0, "SesReview:DesignationReview:MajorityDays" },
        { o => o.DesignationReview.MajorityDays = 1462, "SesReview:DesignationReview:MajorityDays" },
        { o => o.DesignationReview.WindowEnd = new DateOnly(2020, 1, 1), "SesReview:DesignationReview:WindowEnd" },
        { o => o.DesignationReview.WindowStart = new DateOnly(2021, 1, 19), "SesReview:DesignationReview:WindowStart" },
        { o => o.DesignationReview.DeadlineCalendarDays = -1, "SesReview:DesignationReview:DeadlineCalendarDays" },
        { o => o.DesignationReview.MinimumRetentionJustificationLength = -5, "SesReview:DesignationReview:MinimumRetentionJustificationLength" },
        { o => o.AllocationReview.VacancyExplanationThreshold = 1.5m, "SesReview:AllocationReview:VacancyExplanationThreshold" },
        { o => o.AllocationReview.DueDate = new DateOnly(2025, 1, 1), "SesReview:AllocationReview:DueDate" },
        { o => o.NoncareerLimit.MaximumShare = 0m, "SesReview:NoncareerLimit:MaximumShare" },
        { o => o.NoncareerLimit.MinimumPositions = -1, "SesReview:NoncareerLimit:MinimumPositions" },
        { o => o.Reassignment.NoticeDays = -1, "SesReview:Reassignment:NoticeDays" },
        { o => o.Reassignment.NoticeDaysOutsideCommutingArea = 10, "SesReview:Reassignment:NoticeDaysOutsideCommutingArea" },
        { o => o.Reassignment.MoratoriumDays = -1, "SesReview:Reassignment:MoratoriumDays" },
        { o => o.Calendar.TimeZoneId = "Mars/Olympus_Mons", "SesReview:Calendar:TimeZoneId" },
        { o => o.Calendar.TimeZoneId = " ", "SesReview:Calendar:TimeZoneId" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Validate_names_the_bad_key(Action<SesReviewOptions> spoil, string key)
    {
        var o = new SesReviewOptions();
        spoil(o);

        var e = Assert.Throws<OptionsValidationException>(o.Validate);

        Assert.Equal(key, e.Key);
        Assert.Contains(key, e.Message);
    }
}
