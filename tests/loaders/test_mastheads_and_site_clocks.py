"""A page's masthead and a site's clock are no part of the item they frame: the outlet's
name above a news headline places nothing, and the day a site greets its reader with dates
nothing. Made-up pages."""

from __future__ import annotations

from .texts import meta

NEWS_UNDER_A_MASTHEAD = ("湖北新闻网手机版\n\n荆州:300万元奖励科技创新项目\n\n来源:荆州日报 2030-05-13 10:45:49\n\n"
                         "近日,荆州市决定对企业申报的科技创新项目进行奖励。湖北省科技厅将荆州的做法作为典型上报。\n")


def test_a_news_item_under_its_outlets_name_is_placed_where_its_headline_opens():
    assert meta(NEWS_UNDER_A_MASTHEAD)["region"] == "荆州市"


def test_a_headline_opening_with_a_place_still_places_the_item_without_a_masthead():
    assert meta(NEWS_UNDER_A_MASTHEAD.removeprefix("湖北新闻网手机版\n\n"))["region"] == "荆州市"


def test_a_sites_greeting_with_todays_date_and_weekday_dates_no_page():
    text = ("今天是2030年6月11日 星期二,欢迎光临本站\n\n甲市科技保险费补贴项目申报条件\n\n"
            "申报单位须满足以下条件:\n(一)在甲市登记注册,具有独立法人资格;\n(二)近三年无严重失信行为。\n")
    assert meta(text)["date"] is None
    # the same date and weekday as a paper's page header still dates the page
    assert meta(text.replace("今天是", "").replace(",欢迎光临本站", " 第3版"))["date"] == "2030-06-11"
