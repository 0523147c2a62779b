using SesReview.Domain.Model;

namespace SesReview.Domain.AllocationReview;

/// <summary>One component and pay plan in the allocation review (November 24, 2025 memo).</summary>
/// <param name="Allocated">Current allocation (authorized positions).</param>
/// <param name="Filled">Positions with a current incumbent.</param>
/// <param name="Vacant">Allocated minus filled, never below zero.</param>
/// <param name="VacancyRate">Vacant ÷ allocated; zero when nothing is allocated.</param>
/// <param name="ProposedAdjustment">Negative gives positions back.</param>
/// <param name="ResultingAllocation">Allocated plus the adjustment.</param>
/// <param name="Warnings">Rule warnings in words (vacancy over threshold unexplained, below filled, 25% limit).</param>
public sealed record AllocationLine(
    string Component,
    PayPlan PayPlan,
    int Allocated,
    int Filled,
    int Vacant,
    decimal VacancyRate,
    int ProposedAdjustment,
    int ResultingAllocation,
    string? Reason,
    string? Justification,
    IReadOnlyList<string> Warnings);
