"""Words that tell what a segment of an entry is: a nationality, a party status, an education."""

from __future__ import annotations

import re

# Nationalities as entries print them, masculine and feminine (the 1930s forms: "тюрк" for Azerbaijanis).
_NATIONALITY_WORDS = """
русский русская украинец украинка белорус белоруска поляк полька немец немка еврей еврейка татарин татарка
крымский татарин крымская татарка башкир башкирка чуваш чувашка мордвин мордовка мордвинка мариец марийка
удмурт удмуртка коми коми-зырянин коми-пермяк зырянин казах казашка киргиз киргизка узбек узбечка таджик
таджичка туркмен туркменка азербайджанец азербайджанка тюрк тюрчанка грузин грузинка армянин армянка чеченец
чеченка ингуш ингушка осетин осетинка кабардинец кабардинка балкарец балкарка карачаевец черкес аварец
аварка лезгин лезгинка даргинец кумык ногаец калмык калмычка бурят бурятка якут якутка кореец кореянка
китаец китаянка латыш латышка литовец литовка эстонец эстонка финн финка карел карелка вепс ижорец грек
гречанка болгарин болгарка румын румынка молдаванин молдаванка венгр венгерка чех чешка словак серб сербка
француз француженка англичанин англичанка итальянец итальянка японец японка перс персиянка ассириец айсор
цыган цыганка караим караимка гагауз швед шведка норвежец датчанин голландец австриец австрийка швейцарец
американец ойрот хакас шорец ненец эвенк нанаец алтаец абхазец аджарец курд курдка уйгур дунганин турок
турчанка араб афганец монгол югослав хорват адыгеец адыгейка вепсянка даргинка каракалпак каракалпачка
карачаевка коми-пермячка кумычка лакец лачка ненка ногайка ойротка табасаранец табасаранка уйгурка хакаска
черкешенка шорка алтайка эвенкийка нанайка чукча эскимос ительмен корякка удэгеец нивх орочон долганин
"""
NATIONALITIES = frozenset(" ".join(_NATIONALITY_WORDS.split()).replace("крымский татарин", "").split()) | {
    "крымский татарин",
    "крымская татарка",
    "deutscher",
    "deutsche",
}

# Party status from the wording; the first pattern that fits decides (expulsion before membership).
PARTY = (
    ("expelled", re.compile(r"исключ\w*|бывш\w*\s+(?:член|канд)\w*\s+(?:ВКП|РКП|КП|ВЛКСМ)", re.IGNORECASE)),
    ("candidate", re.compile(r"канд(?:идат)?\w*\.?\s+в\s+(?:чл|члены)\.?\s*(?:ВКП|КП|РКП)", re.IGNORECASE)),
    ("komsomol", re.compile(r"(?:член|чл\.)\s*ВЛКСМ|комсомол", re.IGNORECASE)),
    ("member", re.compile(r"(?:член|чл\.)\s*(?:ВКП|РКП|КП|компарти)", re.IGNORECASE)),
    ("other_party", re.compile(r"эсер|меньшевик|анархист|бундовец|бунд|социал-демократ|трудовик|кадет", re.IGNORECASE)),
    ("non_party", re.compile(r"^(?:б/п|б\.п\.|беспартийн\w*)$", re.IGNORECASE)),
)
EDUCATION = re.compile(r"^образование\s+(.+)$|^(неграмотн\w*|малограмотн\w*)$", re.IGNORECASE)


def is_nationality(segment: str) -> bool:
    return segment.strip().lower() in NATIONALITIES


def party_status(segment: str) -> str | None:
    """The party status a segment states, or None if it is not about a party."""
    for status, pattern in PARTY:
        if pattern.search(segment):
            return status
    return None


def education(segment: str) -> str | None:
    match = EDUCATION.match(segment.strip())
    if not match:
        return None
    return (match.group(1) or match.group(2)).strip()
