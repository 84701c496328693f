"""Small original interviews and page builders shared by the tests."""

from interviews.importer import parse_interview
from interviews.services import create_interview

DASH_INTERVIEW = """\
Порт Курык за год удвоил перевалку зерна – и это только начало, считают в отрасли.

Об итогах сезона рассказал директор Каспийской зерновой ассоциации Нурлан Абенов.

– Нурлан Серикович, каким был сезон для порта?

– Рекордным. Мы отгрузили 1,2 млн тонн – вдвое больше, чем год назад.

Основной прирост дали новые элеваторы в Мангистау.

– Что мешает расти дальше?

– Тарифы на железной дороге и мелководье. Без дноуглубления суда идут недогруженными.
"""

ENGLISH_QA_INTERVIEW = """\
Wind farms on the steppe are finally connected to the grid.

Dana Ross, head of grid planning at Steppe Power, explains what changed.

Q: How much capacity came online this year?

A: About 600 megawatts, mostly in the north.

Q: What is the bottleneck now?

A: Storage. We curtail turbines on windy nights because nobody buys the power at 3 a.m.
"""


def make_interview(section, text=DASH_INTERVIEW, **kwargs):
    return create_interview(parse_interview(text), section=section, **kwargs)
