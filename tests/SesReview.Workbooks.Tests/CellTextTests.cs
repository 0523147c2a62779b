using SesReview.Workbooks.Xlsx;

namespace SesReview.Workbooks.Tests;

public class CellTextTests
{
    [Theory]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("+15551234", "'+15551234")]
    [InlineData("-2", "'-2")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("'=x", "''=x")]
    [InlineData("Director", "Director")]
    [InlineData("'quoted", "'quoted")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void Text_starting_with_a_formula_character_gets_a_quote_prefix(string value, string stored)
    {
        Assert.Equal(stored, CellText.Neutralise(value));
    }

    [Theory]
    [InlineData("=SUM(A1)")]
    [InlineData("'=x")]
    [InlineData("''-y")]
    [InlineData("'plain")]
    [InlineData("'")]
    [InlineData("''")]
    [InlineData("plain")]
    [InlineData("@")]
    public void Restore_undoes_neutralise_exactly(string value)
    {
        Assert.Equal(value, CellText.Restore(CellText.Neutralise(value)));
    }

    [Fact]
    public void Characters_xml_cannot_carry_are_replaced()
    {
        Assert.Equal("a\uFFFDb", CellText.Neutralise("a\u0001b"));
        Assert.Equal("line\nbreak", CellText.Neutralise("line\nbreak"));
    }
}
