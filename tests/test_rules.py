"""cleanse.rules: for each rule, what it drops and the hard negatives it must keep.

Line rules see one paragraph; context rules also see the :class:`Document` of paragraphs
around it; span rules return the spans glued inside a paragraph, and the rest of the
sentence must survive the cut.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from cleanse import rules
from cleanse.rules import Cut, Document

# --- line rules ------------------------------------------------------------------------------

LineRule = Callable[[str], "str | None"]

DROPS: list[tuple[LineRule, str]] = [
    # promo_line: app promos, newsletters, social follows, "click here", video prompts
    (rules.promo_line, "CLICK HERE TO GET THE VALLEY GAZETTE APP"),
    (rules.promo_line, "Download our app"),
    (rules.promo_line, "Sign up for our Morning Digest newsletter"),
    (rules.promo_line, "Subscribe now"),
    (rules.promo_line, "Follow us on Twitter"),
    (rules.promo_line, "Click here to read more"),
    (rules.related_link, "Lesen Sie auch: Neue Regeln für Radfahrer"),
    (rules.promo_line, "Jetzt den Newsletter abonnieren"),
    (rules.related_link, "Lire aussi : la grève continue"),
    (rules.promo_line, "Abonnez-vous à notre newsletter"),
    (rules.related_link, "Lee también: el puerto reabre"),
    (rules.promo_line, "Síguenos en Instagram"),
    (rules.promo_line, "Watch Sunday at 11 a.m. ET, with a second airing at 5 p.m."),
    (rules.promo_line, "[Watch: the mayor speaks in the 9 a.m. ET hour]"),
    (rules.promo_line, 'Watch "Harbour Hour with Jo Doe" as Jo breaks down the council race.'),
    # advertisement: ad slots and their notices, four languages
    (rules.advertisement, "Advertisement"),
    (rules.advertisement, "ADVERTISEMENT"),
    (rules.advertisement, "Story continues below advertisement"),
    (rules.advertisement, "Anzeige"),
    (rules.advertisement, "Publicité"),
    (rules.advertisement, "Publicidad"),
    # page_furniture: share widgets, players, credits, update stamps
    (rules.page_furniture, "Share this article"),
    (rules.page_furniture, "Video playback is not supported on your device."),
    (rules.page_furniture, "Scroll down for video"),
    (rules.page_furniture, "Photo: Ruth Okafor/Coast Herald"),
    (rules.page_furniture, "Updated at 4:08 p.m."),
    (rules.page_furniture, "Click to expand"),
    (rules.page_furniture, "Accept all cookies"),
    (rules.page_furniture, "Log in to comment"),
    (rules.page_furniture, "Comments (12)"),
    (rules.page_furniture, "Tags: harbour, council, budget"),
    (rules.page_furniture, "Next article: The pier reopens"),
    (rules.page_furniture, "Fotostrecke"),
    (rules.page_furniture, "Partager sur Facebook"),
    (rules.page_furniture, "Compartir en Twitter"),
    # legal_notice: copyright and rights lines, disclaimers
    (rules.legal_notice, "Copyright 2023 Valley Gazette Media, Inc. All rights reserved."),
    (rules.legal_notice, "© 2021 Kreisbote Verlag. Alle Rechte vorbehalten."),
    (rules.legal_notice, "This material may not be published, broadcast, rewritten or redistributed."),
    (rules.legal_notice, "The views expressed in this column are the author's own."),
    # related_link: labels and the other story's headline
    (rules.related_link, "RELATED: Pupil numbers fall for the fifth year running"),
    (rules.related_link, "READ MORE:"),
    (rules.related_link, "ALSO READ: Rural bus routes under review"),
    # separator_line: punctuation used as a rule
    # pointers to the whole story, bare addresses and handles, witness appeals, polls
    (rules.promo_line, "Read the full story about the harbour dredging here."),
    (rules.promo_line, "Read the original report by the university's press office here."),
    (rules.promo_line, "Twitter: MarisolOrtegaNews"),
    (rules.promo_line, "Instagram: @valley.gazette"),
    (rules.promo_line, "** Did you see the ferry run aground? Email tips@valleygazette.example **"),
    (
        rules.promo_line,
        "Do you have information about the quarry permits? Email m.ortega@valleygazette.example.",
    ),
    (rules.promo_line, "Like KVLY Radio on Facebook and follow @KVLY on Twitter for more."),
    (rules.promo_line, "Should the pier reopen? Sound off in today's reader poll!"),
    (rules.promo_line, "Take our weekly news quiz"),
    (rules.page_furniture, "Editor's note:"),
    # other stories behind a label, and a teaser cut short with where to read it
    (rules.related_link, "More on this: Harbour dredging may resume in the spring"),
    (rules.related_link, "Read this: What the quarry vote means for the valley"),
    (rules.related_link, "The Best Rain Boots for a Wet Spring, Tested on... Read on The Gear Desk"),
    # a credit alone on its line
    (rules.page_furniture, "Getty Images"),
    (rules.page_furniture, "(Pixabay)"),
    (rules.page_furniture, "REUTERS/Marisol Ortega"),
    (rules.page_furniture, "(Marisol Ortega/AP)"),
    (rules.page_furniture, "AP Photo/Marisol Ortega"),
    (rules.page_furniture, "AFP/Getty Images"),
    (rules.page_furniture, "Valley Fire District via AP"),
    (rules.page_furniture, "Photo by Marisol Ortega on Unsplash"),
    (rules.separator_line, "___"),
    (rules.separator_line, "* * *"),
    (rules.separator_line, "-----"),
    (rules.separator_line, "═══"),
    # embed placeholders: a post's or a video's address alone, a bare template field, a story id
    (rules.page_furniture, "https://twitter.com/harbourwatch/status/1272387191314890752"),
    (rules.page_furniture, "https://www.youtube.com/watch?v=a1B2c3D4e5F&t=0m42s"),
    (rules.page_furniture, "{articleGUID}"),
    (rules.page_furniture, "191129145046395"),
    # tip lines with an address, a contact sentence after a bullet, a live page's reload hint
    (rules.promo_line, "Got a story idea? tips@harbourgazette.example"),
    (rules.promo_line, "• Jo Doe can be reached at [email protected]."),
    (rules.promo_line, "You can contact her at jo@harbourgazette.example or follow her @jodoe."),
    (rules.promo_line, "Please refresh this page for updates."),
    (rules.promo_line, "Buy on Bookshop"),
    # today's furniture: share notices, gallery counters, labels, ad-unit settings, comment policies
    (rules.page_furniture, "Link Copied"),
    (rules.page_furniture, "Photo 3 of 12"),
    (rules.page_furniture, "3/12"),
    (rules.page_furniture, "About the author"),
    (rules.page_furniture, "Image source, Getty Images"),
    (rules.page_furniture, "Audio: Listen to this article"),
    (rules.page_furniture, "Promoted stories"),
    (rules.page_furniture, '{"adUnit":"/1234/news/article","sizes":[[300,250]],"targeting":{"pos":"mid"}}'),
    (rules.page_furniture, "Comments are moderated and may take time to appear."),
    (rules.page_furniture, "Teilen Sie diesen Artikel"),
    (rules.page_furniture, "Ver comentarios"),
    # paywalls and metering, links for members and to more by an outlet
    (rules.promo_line, "Get unlimited access for $1 a week"),
    (rules.promo_line, "This content is for subscribers only."),
    (rules.promo_line, "You have reached your limit of free articles."),
    (rules.promo_line, "Republish this article"),
    (rules.promo_line, "To receive weekly updates in your inbox, subscribe to the Harbour Brief here."),
    (rules.promo_line, "You can donate to the harbour relief fund here."),
    (rules.promo_line, "(Check out Jo's new podcast about the harbour at harbourpod.example.)"),
    (rules.promo_line, "Got a flood-related news tip? Send it to us at tips@harbourgazette.example."),
    (rules.promo_line, "For more stories that matter: Click here to subscribe to harbourgazette.example"),
    (rules.related_link, "For subscribers: How the harbour deal was done"),
    (rules.related_link, "More from The Harbour Gazette"),
    # open licences and "views are the writer's own"
    (rules.legal_notice, "Views expressed are the writer's own and do not reflect those of the Gazette."),
    (rules.legal_notice, "Licensed under CC BY 4.0"),
    (
        rules.legal_notice,
        "This article is republished from The Conversation under a Creative Commons licence.",
    ),
    # buttons and notices of today's pages, in four languages
    (rules.page_furniture, "Read in app"),
    (rules.page_furniture, "Give this article"),
    (rules.page_furniture, "Follow this author"),
    (rules.page_furniture, "Show more"),
    (rules.page_furniture, "Loading comments…"),
    (rules.page_furniture, "12 comments"),
    (rules.page_furniture, "Purchase Licensing Rights, opens new tab"),
    (rules.page_furniture, "Like Loading..."),
    (rules.page_furniture, "Most Read Politics"),
    (rules.page_furniture, "Leer en español"),
    (rules.page_furniture, "Thanks for reading The Harbour Gazette."),
    (rules.page_furniture, "Add Harbour Gazette to your Google News feed."),
    (rules.page_furniture, "Mit GAZETTE+ weiterlesen"),
    (rules.page_furniture, "Die Wiedergabe wurde unterbrochen."),
    (rules.page_furniture, "Offrir l’article"),
    (rules.page_furniture, "Más información"),
    (rules.related_link, "Noticia relacionada"),
    (rules.page_furniture, "Suscríbete"),
    (rules.promo_line, "Follow us on X"),
    (rules.promo_line, "X: @harbourgazette"),
    (rules.promo_line, "By clicking Sign up, you agree to our Terms of Use and Privacy Policy."),
    (rules.page_furniture, "Share Share Article via Facebook Share Article via X Share Article via Email"),
    (rules.page_furniture, "Illustration by Jo Doe"),
    (rules.page_furniture, "Photograph by Jo Doe for The Harbour Gazette"),
    (rules.page_furniture, "Courtesy of Harbour Press, Inc."),
    # player, gallery and ad-slot controls, a post's age, paywall offers and form messages
    (rules.page_furniture, "Pinned"),
    (rules.page_furniture, "2h ago"),
    (rules.page_furniture, "Now playing"),
    (rules.page_furniture, "Video duration 02:31"),
    (rules.page_furniture, "Open image in gallery"),
    (rules.page_furniture, "Save for later"),
    (rules.page_furniture, "Why am I seeing this ad?"),
    (rules.page_furniture, "5-minute read"),
    (rules.page_furniture, "Report a correction or typo"),
    (rules.page_furniture, "Do not sell my personal information"),
    (rules.advertisement, "Advertisement · Scroll to continue"),
    (rules.promo_line, "Create a free account"),
    (rules.promo_line, "Your support helps us tell the story"),
    (rules.promo_line, "Unlock this article"),
    (rules.promo_line, "Try 1 month for $1"),
    (rules.promo_line, "Please enter a valid email address."),
    (rules.page_furniture, "Zur Merkliste hinzufügen"),
    (rules.page_furniture, "Sie haben bereits ein Abo? Hier anmelden"),
    (rules.page_furniture, "4 Min. Lesezeit"),
    (rules.page_furniture, "Anzeige – Scrollen Sie weiter"),
    (rules.page_furniture, "Article réservé à nos abonnés"),
    (rules.related_link, "Sur le même sujet"),
    (rules.promo_line, "Recevez chaque matin l'essentiel de l'actualité"),
    (rules.page_furniture, "Suscríbete para seguir leyendo"),
    (rules.page_furniture, "Actualizado: 11/03/2025 09:14"),
    (rules.related_link, "Más noticias"),
    (rules.promo_line, "Únete a nuestro canal de WhatsApp"),
    # a sign-up box with the sentences that lead to it, and its fine print
    (
        rules.promo_line,
        "Act now! Sign up for Weekly Steps and we will mail you three tasks."
        " You will receive occasional promotional offers from us.",
    ),
    (
        rules.promo_line,
        "Get The Digest. Sign up to receive the top stories. Choose your country Albania Algeria Andorra",
    ),
    (
        rules.promo_line,
        "Get the best stories by email Subscribe Thank you for subscribing See our privacy notice",
    ),
    (
        rules.promo_line,
        "Our reporters cover the outbreak daily. To help keep this news free, become a member today.",
    ),
    (
        rules.promo_line,
        "This article is free to read. Please consider supporting local journalism by subscribing.",
    ),
    (
        rules.promo_line,
        "If you spot an error we should correct, please send us an email at fixes@gazette.example.",
    ),
    (rules.promo_line, "His e-mail address is jdoe@gazette.example."),
    (rules.promo_line, "For more information please visit www.example.org."),
    (rules.promo_line, "To learn more about Ann Lee and read other columnists, visit the syndicate's site."),
    (rules.promo_line, "Share this quiz on social media to compare your score."),
    (rules.promo_line, "Download the institute's full report here."),
    (rules.promo_line, "Watch the latest Opinion video:"),
    (rules.promo_line, "Follow the live updates from tonight's vote here"),
    (rules.promo_line, "Take Action: Tell your senator to vote no"),
    (rules.promo_line, "Click https://shop.example.com and part of each purchase goes to us."),
    (rules.promo_line, "Please bookmark our tracker for the latest rulings."),
    (rules.related_link, "See Other Political Commentary by Jo Doe"),
    (rules.promo_line, "Don't miss these stock picks from our analysts"),
    (
        rules.promo_line,
        "Le Quotidien a sa chaîne WhatsApp : rejoignez-la pour suivre l'info au fil de la journée",
    ),
    (
        rules.legal_notice,
        "This article was originally published on Harbour Weekly. Read the original article.",
    ),
    (
        rules.legal_notice,
        "This essay by Jo Doe, a professor of history at Lee College, first appeared in The Review.",
    ),
    (rules.promo_line, "Get our morning note. You can unsubscribe at any time."),
    # account, paywall and preference controls; ad labels; disclosures of today's pages
    (rules.page_furniture, "Follow topic"),
    (rules.page_furniture, "Sign in to save"),
    (rules.page_furniture, "Don't have an account?"),
    (rules.page_furniture, "Already subscribed? Log in to continue reading."),
    (rules.page_furniture, "You have 2 free articles left this month."),
    (rules.page_furniture, "Why you can trust us"),
    (rules.page_furniture, "Manage preferences"),
    (rules.page_furniture, "Editors' picks"),
    (rules.page_furniture, "BREAKING NEWS"),
    (rules.page_furniture, "Contact the author"),
    (rules.advertisement, "ADVERTISEMENT SKIP ADVERTISEMENT"),
    (rules.advertisement, "Partner content"),
    (rules.promo_line, "Send us a tip"),
    (rules.promo_line, "Your support helps protect our independence."),
    (rules.legal_notice, "This article contains affiliate links."),
    (rules.legal_notice, "We may earn a commission when you buy through links on our site."),
    (rules.legal_notice, "Distributed by Harbour Features Syndicate"),
    (rules.legal_notice, "Our Standards: The Harbour Trust Principles."),
    (rules.page_furniture, "Empfohlener redaktioneller Inhalt"),
    (rules.page_furniture, "Réutiliser ce contenu"),
    (rules.page_furniture, "Seguir leyendo"),
    (rules.page_furniture, "Publicado: 12/03/2025 09:14 · Actualizado: 12/03/2025 10:02"),
    # the same kinds in German, French and Spanish
    (
        rules.promo_line,
        "Jetzt anmelden. Mit Ihrer Anmeldung erklären Sie sich mit den Bedingungen einverstanden.",
    ),
    (rules.promo_line, "Der Newsletter kommt jeden Morgen. Sie können sich jederzeit wieder abmelden."),
    (rules.promo_line, "Guter Journalismus kostet Geld. Bitte unterstützen Sie unsere Arbeit mit einem Abo."),
    (rules.promo_line, "Haben Sie Hinweise zu dieser Recherche? Schreiben Sie uns an tipps@zeitung.example."),
    (
        rules.promo_line,
        "Recevez notre lettre chaque matin. En vous inscrivant, vous acceptez nos conditions.",
    ),
    (rules.promo_line, "Vous pouvez vous désinscrire à tout moment."),
    (rules.promo_line, "L’information a un coût. Soutenez notre journalisme en vous abonnant."),
    (rules.promo_line, "Recibe lo último cada mañana. Al suscribirte aceptas la política de privacidad."),
    (rules.promo_line, "Puedes darte de baja en cualquier momento."),
    (rules.promo_line, "El buen periodismo cuesta. Apoya nuestro periodismo con una suscripción."),
]

KEEPS: list[tuple[LineRule, str]] = [
    # sentences that read a report, name a network or ask a question are content
    (rules.promo_line, "Read the full report before the vote, the chairwoman told members."),
    (rules.promo_line, "Like many on Facebook, she shared the flood photos within minutes."),
    (rules.promo_line, "Like Ortega on Facebook, the mayor posts a video every Friday."),
    (rules.promo_line, "Did you see the storm coming? Residents said they had no warning."),
    (rules.promo_line, "About 400 residents agreed to take the survey, the council said."),
    (rules.promo_line, "Residents will sound off at Thursday's hearing on the quarry."),
    (rules.promo_line, "Twitter: the company said it would appeal."),
    (rules.page_furniture, "Editor's note: this story was corrected to give the mayor's full name."),
    (rules.page_furniture, "ANALYSIS/OPINION:"),  # a column's label: the labellers keep it
    # agencies as the subject of a line, and a caption that names someone before its credit
    (rules.page_furniture, "Reuters/Ipsos poll finds voters split on the harbour plan"),
    (rules.page_furniture, "Bloomberg"),
    (rules.related_link, "She said more on this would follow... Read on, the letter urged readers."),
    (rules.page_furniture, "EPA"),
    (rules.page_furniture, "Mayor Ann Lee at the pier. Marisol Ortega/Getty Images"),
    (rules.page_furniture, "The AP reported the vote first, citing two officials."),
    # promo_line: sentences that mention apps, newsletters and clicks are content
    (rules.promo_line, "The newsletter, which the parish has printed since 1974, will move online."),
    (rules.promo_line, "The clicking of keyboards filled the newsroom until the results came in."),
    (rules.promo_line, "Subscribers to the postal edition will be contacted by letter in December."),
    (rules.promo_line, "The app was downloaded two million times in its first week."),
    (rules.promo_line, "Followers of the band travelled from as far as Norway."),
    # broadcast times in reporting are content; only imperatives and listings are promos
    (rules.promo_line, "Viewers can watch the debate at 9 p.m. ET on most networks, organizers said."),
    (rules.promo_line, "The new service will launch at 9 a.m. ET on Monday, the company said."),
    # advertisement: advertising as a subject
    (rules.advertisement, "Advertisement spending fell 4% last year."),
    (rules.advertisement, "The advertisement drew complaints from viewers."),
    (rules.advertisement, "Die Anzeige wurde am Montag erstattet."),
    # page_furniture: photos and updates as subjects
    (rules.page_furniture, "The photo was taken in 1968 by her grandfather."),
    (rules.page_furniture, "The council updated its plans at 4 p.m. on Tuesday after protests."),
    (rules.page_furniture, "Share prices fell sharply on Monday."),
    (rules.page_furniture, "Twitter said on Monday it would ban the accounts."),
    (rules.page_furniture, "Topics discussed included housing and transport."),
    (rules.page_furniture, "Next year the council will vote again."),
    # legal_notice: copyright as a subject
    (rules.legal_notice, "The copyright case was settled out of court."),
    (rules.legal_notice, "All rights to the land were transferred to the trust in 2004, the court heard."),
    # related_link: ordinary sentences starting with the same words
    (rules.related_link, "Related questions remain unanswered."),
    (rules.related_link, "More than half of the residents voted."),
    (rules.related_link, "Video evidence was shown to the jury on Thursday."),
    (rules.related_link, "More — much more — was at stake."),
    # separator_line: anything with a letter, digit or emoji
    (rules.separator_line, "🎉 🎉"),
    (rules.separator_line, "1.2.3"),
    (rules.separator_line, "A - B"),
    (rules.separator_line, "…and then it rained."),
    # addresses of reports and pages are references; numbers and braces in prose are content
    (rules.page_furniture, "https://www.harbourgazette.example/2019/10/port-budget-report/"),
    (rules.page_furniture, "https://twitter.com/harbourwatch"),
    (rules.page_furniture, "The pier cost 1,250,000,000 dollars."),
    (rules.page_furniture, "{1, 2, 3}"),
    (rules.promo_line, "Have a question about the ferry timetable? The council answers on Fridays."),
    (rules.promo_line, "Readers can buy the book at the harbour shop."),
    (rules.promo_line, "Residents were told to refresh their emergency kits."),
    # the same words in reporting
    (rules.page_furniture, "He made 3 of 12 shots in the second half."),
    (rules.page_furniture, "Comments are moderated by volunteers, the company said."),
    (rules.page_furniture, "About the author of the report, little is known."),
    (rules.promo_line, "Residents get full access to the beach from May."),
    (rules.promo_line, "Check out times at the library were extended."),
    (rules.promo_line, "Check out his whole announcement video here:"),  # introduces an embed
    (rules.related_link, "More from the survey suggests residents are split."),
    (rules.legal_notice, "Licensed under a 1990 law, the casino may open on Sundays."),
    (rules.legal_notice, "The views expressed at the meeting were mixed."),
    (rules.promo_line, "X: 15"),  # an equation's answer, not a handle
    (rules.page_furniture, "Show more restraint, the judge told the council."),
    (rules.page_furniture, "Merken Sie sich das Datum."),
    (rules.page_furniture, "Thanks for reading, she wrote to the council."),
    (rules.page_furniture, "Share prices fell on Monday."),
    (rules.page_furniture, "Print and email remain the council's main ways to reach residents."),
    (rules.page_furniture, "Courtesy of Luis Ortega Luis Ortega (left) with his family at the pier."),
    (rules.page_furniture, "Photographs by amateurs flooded the council's inbox after the storm."),
    (rules.page_furniture, "4:39 p.m."),  # a clock time heads a live blog's entry
    (rules.page_furniture, "Posted in 2019, the video drew a million views."),
    (rules.promo_line, "Your support helps, the mayor told the volunteers."),
    (rules.promo_line, "Register voters before the deadline, the clerk urged."),
    # an address alone is kept: the article may have just introduced it ("… write to:")
    (rules.promo_line, "m.ortega@valleygazette.example"),
    (rules.page_furniture, "Mehr aus Sorge um die Kinder blieben viele Eltern zu Hause."),
    (rules.related_link, "Más noticias llegaron del puerto al mediodía, según la alcaldía."),
    # prose and quotations with the words of a call to action
    (rules.promo_line, '"If you see anything, please contact us," the sheriff said.'),
    (
        rules.promo_line,
        "The firm said you will receive promotional offers only if you opt in, regulators noted.",
    ),
    (rules.promo_line, "The grant will help keep the museum free for visitors."),
    (rules.promo_line, '"Please consider supporting the bill," she wrote to colleagues.'),
    (rules.promo_line, "For more information, officials said, residents should call the county."),
    (rules.promo_line, "For more information, see the health agency's guidelines on making a mask at home."),
    (rules.promo_line, "Take action now, the protesters demanded, or face the voters."),
    (rules.promo_line, "Subscribers said the thank-you for subscribing email never arrived."),
    (rules.related_link, "Voters can see more coverage of the race on local stations, the network said."),
    (rules.legal_notice, "This story first appeared in the 1890s folk tradition, historians say."),
    (rules.legal_notice, "This commentary was originally published in August, 2013."),
    (rules.promo_line, "Don't miss the deadline, officials warned residents on Friday."),
    (rules.promo_line, "Don't miss this chance, the coach told his players."),
    (rules.promo_line, "« Rejoignez-nous », a lancé le maire aux habitants."),
    (rules.page_furniture, "Live music returned to the square on Saturday, the organisers said."),
    (rules.page_furniture, "Popular anger at the plan grew through the week."),
    (rules.page_furniture, "Manage preferences for your child in the school app, the district said."),
    (rules.page_furniture, "Contact the author of the report, the agency advised, before citing it."),
    (rules.advertisement, "Partner content deals rose 40% last year, the trade body reported."),
    (rules.promo_line, "Your support helps, the mayor told volunteers at the food bank."),
    (rules.promo_line, "Send us a tip, the police said, and they would follow up on every lead."),
    (
        rules.legal_notice,
        "We may earn a little more next year if the grant comes through, the director said.",
    ),
    (rules.legal_notice, "Distributed by the county, the leaflets explain how to vote by post."),
    (rules.legal_notice, "Our standards: that is what the inspectors said they would check."),
    (rules.legal_notice, "The article first appeared in Nature last year and has been cited widely."),
    (rules.promo_line, "„Bitte unterstützen Sie uns“, sagte der Bürgermeister am Abend."),
    (rules.promo_line, "Die Stadt erklärte, mit der Anmeldung seien viele nicht einverstanden gewesen."),
    (rules.promo_line, "Kunden können ihren Vertrag jederzeit kündigen, sagte die Verbraucherzentrale."),
    (rules.promo_line, "« Soutenez notre équipe », a lancé l’entraîneur aux supporters."),
    (rules.promo_line, "Los vecinos dijeron que al registrarse en el padrón nadie acepta perder su ayuda."),
]


def _name(rule: LineRule) -> str:
    return getattr(rule, "__name__", repr(rule))


@pytest.mark.parametrize(("rule", "paragraph"), DROPS, ids=[f"{_name(r)}:{p[:30]}" for r, p in DROPS])
def test_line_rule_drops(rule: LineRule, paragraph: str) -> None:
    reason = rule(paragraph)
    assert isinstance(reason, str) and reason, "a drop always comes with a reason"


@pytest.mark.parametrize(("rule", "paragraph"), KEEPS, ids=[f"{_name(r)}:{p[:30]}" for r, p in KEEPS])
def test_line_rule_keeps(rule: LineRule, paragraph: str) -> None:
    assert rule(paragraph) is None


LINE_RULES = [
    rules.promo_line,
    rules.advertisement,
    rules.page_furniture,
    rules.legal_notice,
    rules.related_link,
    rules.separator_line,
]


@pytest.mark.parametrize("rule", LINE_RULES, ids=_name)
@pytest.mark.parametrize("paragraph", ["", " ", "\ud800", "x" * 100_000, "{{", "MORE"])
def test_line_rules_never_raise(rule: LineRule, paragraph: str) -> None:
    rule(paragraph)


# --- context rules ---------------------------------------------------------------------------

ARTICLE = [
    "Rescue teams search flooded valley",
    "Heavy rain overnight sent the river over its banks in three villages.",
    "Firefighters used boats to reach families trapped on upper floors.",
    "The regional government has asked the army to help with the clean-up.",
]


def doc_with(paragraph: str, *, at: int = 2, article: list[str] = ARTICLE) -> Document:
    return Document([*article[:at], paragraph, *article[at:]])


# template_marker


@pytest.mark.parametrize(
    "line",
    [
        "{{#rendered}} {{/rendered}}",
        "{{ article.subtitle }}",
        "{% if ad %}",
        "<%= x %>",
        "[[ad-slot-2]]",
        "%%AD_UNIT%%",
        "${headline}",
    ],
)
def test_template_marker_drops_template_only_lines(line: str) -> None:
    assert rules.template_marker(line, doc_with(line))


@pytest.mark.parametrize(
    ("line", "document"),
    [
        # prose that uses template syntax
        ("Hello {{ name }}, welcome!", doc_with("Hello {{ name }}, welcome!")),
        # a code example in a document about templates
        ("{% if user.is_admin %}", Document(["A Jinja template tutorial.", "{% if user.is_admin %}"])),
        ("{{ name }}", Document(["Mustache placeholders look like this:", "{{ name }}"])),
    ],
)
def test_template_marker_keeps(line: str, document: Document) -> None:
    assert rules.template_marker(line, document) is None


# injected_headline

TELEGRAM = ["OLD TELEGRAM", "THE SHIP LEFT PORT AT DAWN WITH NINE HUNDRED PASSENGERS ON BOARD", "STOP"]
LONG_HEADLINE = "CELEBRITY CHEF SLAMS CRITICS AFTER RESTAURANT LOSES ITS SECOND STAR"


@pytest.mark.parametrize(
    "headline",
    [
        LONG_HEADLINE,
        "ΣΟΚ ΣΤΗΝ ΑΓΟΡΑ ΜΕΤΑ ΤΗΝ ΑΠΡΟΣΔΟΚΗΤΗ ΑΥΞΗΣΗ ΤΩΝ ΤΙΜΩΝ ΣΤΑ ΚΑΥΣΙΜΑ",  # Greek
        "ЗВЕЗДА ФУТБОЛА ОБЪЯВИЛА О ЗАВЕРШЕНИИ КАРЬЕРЫ ПОСЛЕ ТЯЖЁЛОЙ ТРАВМЫ",  # Cyrillic
        "US MILITARY SHOOTS DOWN SPY BALLOON OFF CAROLINA COAST TODAY",
    ],
)
def test_injected_headline_drops_another_storys_headline(headline: str) -> None:
    assert rules.injected_headline(headline, doc_with(headline))


@pytest.mark.parametrize(
    ("paragraph", "document"),
    [
        # the article's own title, in capitals
        (LONG_HEADLINE, Document([LONG_HEADLINE, *ARTICLE[1:]])),
        # all-caps quotes and tweets in quotation marks
        ("“SAVE OUR LIBRARY, SAVE OUR FUTURE AND OUR CHILDREN'S FUTURE,” read the banner.", None),
        ('"WE HEARD YOU AND WE WILL FIND THE MONEY TO KEEP IT OPEN"', None),
        # acronyms in a sentence
        ("NATO, the EU, the UN and the WHO met to discuss COVID-19 supplies.", None),
        # a short subhead heading the text below it
        ("WHAT HAPPENS NEXT", None),
        # datelines and labels
        ("WASHINGTON (AP) — The Senate approved a short-term spending bill.", None),
        ("SENATOR JOHN DOE, CHAIRMAN OF THE COMMITTEE ON FINANCE:", None),
        # a document written in capitals throughout: capitals are its style
        (
            TELEGRAM[1],
            Document(TELEGRAM),
        ),
    ],
)
def test_injected_headline_keeps(paragraph: str, document: Document | None) -> None:
    assert rules.injected_headline(paragraph, document or doc_with(paragraph)) is None


# link_list


@pytest.mark.parametrize(
    "header", ["Most viewed", "Explore more on these topics", "Lo más leído", "Meistgelesen"]
)
def test_link_list_drops_the_rail_under_a_header_of_todays_pages(header: str) -> None:
    rail = ["'It felt like a second home': the last summer of the lido", "Ferry fares to rise again in May"]
    document = Document([*ARTICLE, header, *rail])
    assert all(rules.link_list(item, document) for item in rail)
    assert not any(rules.link_list(p, document) for p in ARTICLE)


def test_link_list_keeps_prose_under_a_header_word() -> None:
    # A paragraph of prose after the header ends the list: it is the article again.
    prose = "Most viewed of all was the footage of the flooded square, shared a million times within a day."
    document = Document([*ARTICLE, "Most viewed", prose + " " + prose])
    assert rules.link_list(prose + " " + prose, document) is None


# pull_quote

REFRAIN = "And still the sea says: wait, wait, wait."
QUOTE = "“We made bottles for half the country, and now we will make nothing at all,” said Ines Varga."


def test_pull_quote_drops_a_repeated_sentence() -> None:
    holder = "Workers gathered at the gates. " + QUOTE + " The owners blamed energy prices."
    document = Document([ARTICLE[0], holder, QUOTE, ARTICLE[1]])
    assert rules.pull_quote(QUOTE, document)
    assert rules.pull_quote(holder, document) is None, "the paragraph holding the sentence stays"


@pytest.mark.parametrize(
    "attribution", [" — Ines Varga, glassworker", " Ines Varga, glassworker", " Ines Varga"]
)
def test_pull_quote_drops_a_quotation_printed_again_with_its_attribution(attribution: str) -> None:
    # A magazine prints the quotation in large type with the speaker's name under it,
    # after a dash or straight after the closing quote mark; the scraper joins the two.
    said = "We made bottles for half the country, and now we will make nothing at all."
    holder = f"Workers gathered at the gates. “{said}” Varga said that the owners blamed energy prices."
    quote = f"“{said}”{attribution}"
    document = Document([ARTICLE[0], holder, quote, ARTICLE[1]])
    assert rules.pull_quote(quote, document)
    assert rules.pull_quote(holder, document) is None


def test_pull_quote_keeps_reported_speech_that_repeats_a_quotation() -> None:
    # "…,” Jo Doe said on Monday." is a sentence of the article, whatever else repeats it.
    said = "We made bottles for half the country, and now we will make nothing at all,"
    holder = f"Workers gathered at the gates. “{said}” one of them shouted. The owners blamed energy prices."
    reported = f"“{said}” Ines Varga, a glassworker for thirty years, said on Monday."
    document = Document([ARTICLE[0], holder, reported, ARTICLE[1]])
    assert rules.pull_quote(reported, document) is None


@pytest.mark.parametrize(
    ("paragraph", "document"),
    [
        # a quotation and the name of who said it, said nowhere else in the article
        (
            "“The kilns will be cold by spring, whatever anyone in the capital decides.” Ines Varga",
            Document([ARTICLE[0], "“The kilns will be cold by spring.” Ines Varga", ARTICLE[1]]),
        ),
        # a refrain: identical paragraphs are not pull quotes of each other
        (REFRAIN, Document([REFRAIN, "The boats come home, the hour is late.", REFRAIN])),
        # short lines are never pull quotes
        ("Thank you.", Document(["Thank you.", "She said thank you. Thank you. Then she left the room."])),
        # a sentence not repeated anywhere
        (QUOTE, Document([ARTICLE[0], QUOTE, ARTICLE[1]])),
    ],
)
def test_pull_quote_keeps(paragraph: str, document: Document) -> None:
    assert rules.pull_quote(paragraph, document) is None


# --- span rules ------------------------------------------------------------------------------

SpanRule = Callable[[str], "list[Cut]"]


def cut_text(rule: SpanRule, paragraph: str) -> list[str]:
    return [paragraph[c.start : c.end] for c in rule(paragraph)]


@pytest.mark.parametrize(
    ("rule", "paragraph", "cut", "after"),
    [
        # glued_template_marker
        (
            rules.glued_template_marker,
            "{{#rendered}}The minister said no.",
            ["{{#rendered}}"],
            "The minister said no.",
        ),
        (
            rules.glued_template_marker,
            "Most growers expect losses.[[ad-slot-1]]",
            ["[[ad-slot-1]]"],
            "Most growers expect losses.",
        ),
        # hover_card: the name card goes, the name and the sentence stay
        (
            rules.hover_card,
            "Rep. Maria Delgado Maria Elena DelgadoHouse votes to extend farm aid Delgado backs new"
            " water deal MORE (D-N.M.) said on Tuesday that aid would come.",
            ["Maria Elena DelgadoHouse votes to extend farm aid Delgado backs new water deal MORE"],
            "Rep. Maria Delgado (D-N.M.) said on Tuesday that aid would come.",
        ),
        # glued_headline
        (
            rules.glued_headline,
            "The committee will publish next month. SCIENTISTS WARN THAT COASTAL TOWNS FACE RISING"
            " FLOOD RISK WITHIN DECADE The report was delayed twice.",
            ["SCIENTISTS WARN THAT COASTAL TOWNS FACE RISING FLOOD RISK WITHIN DECADE"],
            "The committee will publish next month. The report was delayed twice.",
        ),
        # glued_promo
        (
            rules.glued_promo,
            "Tomas Berg contributed to this report. Want our newsletter in your inbox? Sign up here.",
            ["Want our newsletter in your inbox? Sign up here."],
            "Tomas Berg contributed to this report.",
        ),
        (
            rules.glued_promo,
            "The minister waves. (Photo: Jo Doe, Harbour Wire) Story Highlights The talks resume in May.",
            ["Story Highlights "],
            "The minister waves. (Photo: Jo Doe, Harbour Wire) The talks resume in May.",
        ),
        # glued_promo: share buttons and caption labels before a caption, a ticker chip in a sentence
        (
            rules.glued_promo,
            "Facebook Twitter Pinterest ‘We will rebuild’: the mayor at the pier. Photograph: Jo Doe",
            ["Facebook Twitter Pinterest "],
            "‘We will rebuild’: the mayor at the pier. Photograph: Jo Doe",
        ),
        (
            rules.glued_promo,
            'Image caption "Clara" waited three hours for the ferry',
            ["Image caption "],
            '"Clara" waited three hours for the ferry',
        ),
        (
            rules.glued_promo,
            "Families keep in touch by FaceTime AAPL, -1.43% video calls and letters.",
            ["AAPL, -1.43% "],
            "Families keep in touch by FaceTime video calls and letters.",
        ),
        (
            rules.glued_promo,
            "Opponents said shoppers would drive to Route 9. Story continues below advertisement",
            [" Story continues below advertisement"],
            "Opponents said shoppers would drive to Route 9.",
        ),
        (
            rules.glued_promo,
            "By Jo Doe, a senior reviewer covering laptops. See All by Jo Doe",
            ["See All by Jo Doe"],
            "By Jo Doe, a senior reviewer covering laptops.",
        ),
        # glued_promo: a notice glued before a sentence of the article leaves the sentence
        (
            rules.glued_promo,
            "COPYRIGHT 2020, THE HARBOUR TIMES. ALL RIGHTS RESERVED. REPRINTED WITH PERMISSION. In 1962 Jo"
            " Doe became dean.",
            ["COPYRIGHT 2020, THE HARBOUR TIMES. ALL RIGHTS RESERVED. REPRINTED WITH PERMISSION. "],
            "In 1962 Jo Doe became dean.",
        ),
        # glued_template_marker: a CMS placeholder, a wire service's typesetting codes
        (
            rules.glued_template_marker,
            "#related#The ferry strike entered its third week.",
            ["#related#"],
            "The ferry strike entered its third week.",
        ),
        (
            rules.glued_template_marker,
            "The council (SET ITAL) raised (END ITAL) the harbour fees.",
            ["(SET ITAL)", "(END ITAL)"],
            "The council raised the harbour fees.",
        ),
        # hover_card, when a space and not glue follows the full name
        (
            rules.hover_card,
            "Senate leader Ruth Baxter Ruth Ellen Baxter Budget talks stall Baxter backs ferry MORE"
            " (R-Maine) spoke.",
            ["Ruth Ellen Baxter Budget talks stall Baxter backs ferry MORE"],
            "Senate leader Ruth Baxter (R-Maine) spoke.",
        ),
    ],
)
def test_span_rule_cuts(rule: SpanRule, paragraph: str, cut: list[str], after: str) -> None:
    assert cut_text(rule, paragraph) == cut
    assert rules.apply_cuts(paragraph, rule(paragraph)) == after
    assert all(c.reason for c in rule(paragraph))


@pytest.mark.parametrize(
    ("rule", "paragraph"),
    [
        # glued_template_marker: prose about templates quoting their syntax
        (rules.glued_template_marker, "In Jinja, write {{ name }} to print a variable."),
        (rules.glued_template_marker, "The Mustache section `{{#items}}` repeats its content for each item."),
        (rules.glued_template_marker, "Prices rose 50% and 20% in two years."),
        (rules.glued_template_marker, "In the shell, echo ${HOME} prints your home folder."),
        (rules.glued_template_marker, "Greet the reader with `Hello ${name}` before the list."),
        # glued_promo: a promo that opens with words that are no junk alone is a line the
        # phrase rules drop whole; cutting its sentences would leave "Act now!" behind
        (
            rules.glued_promo,
            "Act now! Sign up for Weekly Steps. You will receive occasional promotional offers.",
        ),
        # hover_card: a sentence that merely has MORE in capitals
        (rules.hover_card, "Nancy Smith said she wanted MORE money for schools."),
        # hover_card: capitals ending in MORE are no card (a capital letter alone is no name),
        # inside quotes or not, glued to a sentence or not
        (rules.hover_card, 'The sign read "ALL ABOARD FOR AMAZING ADVENTURES AND MORE" in red letters.'),
        (rules.hover_card, "Crews restored power.ACCESS ALL OUR COVERAGE AND MORE"),
        (rules.hover_card, "THE SOFTWARE IS PROVIDED AS IS, WITHOUT WARRANTY, FOR ONE OR MORE CLAIMS."),
        (rules.hover_card, "HELLO WORLD AND MORE " * 50),
        # glued_headline: acronyms, quoted capitals, an all-caps paragraph
        (rules.glued_headline, "Envoys of NATO, the EU, the UN, the WHO and the IMF met on Monday."),
        (
            rules.glued_headline,
            'The crowd chanted "WE WANT OUR LIBRARY BACK AND WE WANT IT OPEN ON SUNDAYS" for an hour.',
        ),
        (rules.glued_headline, "THE WHOLE PARAGRAPH IS IN CAPITALS BECAUSE THE TELEGRAM WAS TYPED SO."),
        # glued_promo: a sentence about a newsletter; a call to action alone is a line rule's job
        (rules.glued_promo, "The newsletter has 40,000 readers. Its editor retires in May."),
        (rules.glued_promo, "Sign up for our newsletter"),
        # glued_promo: a sentence about an advertisement ends the paragraph
        (rules.glued_promo, "The board banned the advertisement."),
        (rules.glued_promo, "The council rejected it. Advertisement rules changed in 2019."),
        # glued_promo: a percentage after a comma, a share row that is a sentence's subject
        (rules.glued_promo, "Apple shares fell 1.4%, -0.5% below the index, on Monday."),
        (rules.glued_promo, "The Dow rose 2%, +1.1% more than the S&P 500."),
        (rules.glued_promo, "Facebook Twitter and Pinterest all banned the group on Monday."),
        # glued_template_marker: hashtags, typesetting words in prose
        (rules.glued_template_marker, "Supporters used #related and #ferrystrike# on the day of the vote."),
        (rules.glued_template_marker, "The typesetter marked it (set ital) in pencil."),
    ],
)
def test_span_rule_keeps(rule: SpanRule, paragraph: str) -> None:
    assert rule(paragraph) == []


# --- apply_cuts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "cuts", "expected"),
    [
        # one space at the seam, none before punctuation
        ("Before JUNK after.", [Cut(7, 11, "x")], "Before after."),
        ("Hillary Clinton XYZ.", [Cut(16, 19, "x")], "Hillary Clinton."),
        ("Sen. Lee [card] (Ore.) said.", [Cut(9, 16, "x")], "Sen. Lee (Ore.) said."),
        # overlapping cuts merge; the seam between two words gets one space
        ("abcdefgh", [Cut(1, 4, "x"), Cut(3, 6, "y")], "a gh"),
        ("one two three four", [Cut(4, 8, "x"), Cut(8, 14, "y")], "one four"),
        ("abcdefgh", [Cut(0, 8, "x")], ""),
        ("unchanged", [], "unchanged"),
    ],
)
def test_apply_cuts(paragraph: str, cuts: list[Cut], expected: str) -> None:
    assert rules.apply_cuts(paragraph, cuts) == expected


# --- helpers the rules rely on -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("US MILITARY SHOOTS DOWN SPY BALLOON", True),
        ("ΣΥΝΟΔΟΣ ΚΟΡΥΦΗΣ ΣΤΗΝ ΑΘΗΝΑ", True),
        ("МИНИСТР ОБЪЯВИЛ НОВЫЕ МЕРЫ", True),
        ("NATO and the EU met in Brussels.", False),
        ("COVID-19", False),  # too few capitals to shout
        ("東京都は発表した", False),  # uncased scripts never shout
        ("", False),
    ],
)
def test_is_shouting(paragraph: str, expected: bool) -> None:
    assert rules.is_shouting(paragraph) is expected


@pytest.mark.parametrize(
    "rule", ["promo_line", "advertisement", "page_furniture", "legal_notice", "related_link"]
)
def test_every_builtin_phrase_compiles_on_its_own(rule: str) -> None:
    """The built-in lists are joined unchecked at run time (start-up), so check each line here."""
    from importlib import resources

    from cleanse.patterns import compile_whole_paragraph, phrase_files, read_phrases

    folder = resources.files("cleanse.patterns")
    for name in phrase_files(rule):
        phrases = read_phrases(folder.joinpath(name).read_text(encoding="utf-8"))
        assert phrases, name
        assert compile_whole_paragraph(phrases, name) is not None
