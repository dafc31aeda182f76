"""Body paragraphs: wrapped lines joined, one-line bodies split at sentence ends, nothing lost."""
from arshif.extract.body import LONG_PARAGRAPH, build_paragraphs, split_long
from arshif.extract.title import derive_title
from arshif.recognise.shape import is_body_like, is_title_like
from arshif.models import Line


def body(*texts):
    return [Line(i, t, "body" if t.strip() else "blank") for i, t in enumerate(texts)]


def test_wrapped_lines_are_joined_and_blank_lines_separate():
    paras = build_paragraphs(body(
        "وقال المتحدث باسم الوزارة في بيان صدر اليوم إن الاجتماع",
        "ناقش سبل تعزيز التعاون بين البلدين.",
        "",
        "وأضاف أن الجانبين اتفقا على عقد الاجتماع المقبل في الرباط.",
    ))
    assert paras == [
        "وقال المتحدث باسم الوزارة في بيان صدر اليوم إن الاجتماع ناقش سبل تعزيز التعاون بين البلدين.",
        "وأضاف أن الجانبين اتفقا على عقد الاجتماع المقبل في الرباط.",
    ]


def test_lines_ending_a_sentence_stay_separate_paragraphs():
    paras = build_paragraphs(body("الجملة الأولى من الخبر وهي طويلة بما يكفي لتكون فقرة.", "الفقرة الثانية من الخبر."))
    assert len(paras) == 2


def test_short_inline_subheading_is_kept_as_its_own_paragraph():
    paras = build_paragraphs(body("عودة النازحين", "وقال المسؤول إن عودة النازحين أولوية قصوى للحكومة في المرحلة المقبلة."))
    assert paras[0] == "عودة النازحين"


def test_long_one_line_body_is_split_at_sentence_ends_without_loss():
    sentence = "وأكد المسؤول أن الحكومة ماضية في تنفيذ خطتها الاقتصادية رغم كل الصعوبات التي تواجهها. "
    text = (sentence * 40).strip()
    parts = split_long(text)
    assert len(text) > LONG_PARAGRAPH and len(parts) > 3
    assert all(len(p) <= 900 for p in parts)
    assert "".join(parts).replace(" ", "") == text.replace(" ", "")


def test_numbers_quotes_and_punctuation_survive():
    line = "وقال: «ارتفع الإنتاج إلى 1.5 مليون برميل يوميا (بزيادة 12%)» في الربع الأول."
    assert build_paragraphs(body(line)) == [line]


def test_headline_and_running_text_shapes():
    assert is_title_like("محاور جديدة للقضاء على «داعش» وإعادة استقرار المنطقة")
    assert not is_title_like("وأضاف أن الجانبين اتفقا على عقد الاجتماع المقبل في الرباط.")
    assert is_body_like("وأضاف أن الجانبين اتفقا على عقد الاجتماع المقبل في الرباط.")
    assert not is_body_like("عدد اليوم")


def test_derived_title_from_lead():
    lead = ("عقد وزراء خارجية التحالف الدولي ضد ما يسمى «داعش» اجتماعا في العاصمة الأميركية واشنطن امس الاثنين "
            "لبحث الجهود المشتركة المبذولة لتحقيق الهزيمة المستدامة للتنظيم.")
    title = derive_title(lead)
    assert 60 <= len(title) <= 91 and title.endswith("…")
    assert lead.startswith(title[:-1])
    assert derive_title("خبر قصير جدا.") == "خبر قصير جدا"
