import hashlib
import json

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from questions import sql


class Area(models.TextChoices):
    """The rounds of a data-science interview loop; the bank page groups topics by them."""

    STATISTICS = "statistics", "Statistics & probability"
    EXPERIMENTATION = "experimentation", "Experimentation & causal"
    SQL_CODING = "sql-coding", "SQL & coding"
    MACHINE_LEARNING = "machine-learning", "Machine learning"
    DEEP_LEARNING = "deep-learning", "Deep learning"
    PRODUCT = "product", "Product & case"
    BEHAVIOURAL = "behavioural", "Behavioural"


class Topic(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=80, unique=True)
    area = models.CharField(max_length=20, choices=Area.choices, default=Area.MACHINE_LEARNING)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order on the bank page.")

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    name = models.SlugField(max_length=40, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Difficulty(models.TextChoices):
    EASY = "easy", "Easy"
    MEDIUM = "medium", "Medium"
    HARD = "hard", "Hard"


class Kind(models.TextChoices):
    CONCEPT = "concept", "Concept"
    CALCULATION = "calculation", "Calculation"
    SQL = "sql", "SQL"
    CODING = "coding", "Coding"
    CASE = "case", "Case"
    BEHAVIOURAL = "behavioural", "Behavioural"


class QuestionQuerySet(models.QuerySet):
    def active(self) -> "QuestionQuerySet":
        return self.filter(is_active=True)

    # The bank page

    def search(self, text: str) -> "QuestionQuerySet":
        """Questions containing every word of `text` (any case) in the prompt, the model answer,
        a key point or a tag. icontains, so it behaves alike on SQLite and PostgreSQL; subqueries
        rather than joins, so no question is listed twice."""
        questions = self
        for word in text.split():
            in_key_points = KeyPoint.objects.filter(question=models.OuterRef("pk"), text__icontains=word)
            in_tags = Tag.objects.filter(questions=models.OuterRef("pk"), name__icontains=word)
            questions = questions.filter(
                models.Q(prompt__icontains=word)
                | models.Q(model_answer__icontains=word)
                | models.Exists(in_key_points)
                | models.Exists(in_tags)
            )
        return questions

    def neighbours(self, question: "Question") -> tuple["Question | None", "Question | None"]:
        """The questions just before and after `question` in bank order (None at either end, or
        both when it is not in this queryset): one query, fetching only slugs and prompts as
        tuples (a model instance for each question of the bank would cost more than the query)."""
        ordered = list(self.values_list("pk", "slug", "prompt"))
        index = next((i for i, (pk, _, _) in enumerate(ordered) if pk == question.pk), None)
        if index is None:
            return None, None

        def at(i: int) -> "Question | None":
            if not 0 <= i < len(ordered):
                return None
            pk, slug, prompt = ordered[i]
            return Question(pk=pk, slug=slug, prompt=prompt)

        return at(index - 1), at(index + 1)

    def count_by(self, field: str) -> dict:
        """{value of `field`: number of questions}, in one query (e.g. "kind", "topic__area")."""
        rows = self.order_by().values(field).annotate(count=models.Count("pk")).values_list(field, "count")
        return dict(rows)

    def count_by_topic(self) -> dict[int, int]:
        """{topic id: number of questions}, in one query."""
        rows = self.order_by().values("topic").annotate(count=models.Count("pk")).values_list("topic", "count")
        return dict(rows)


class Question(models.Model):
    """A question of the bank. Sessions copy what they show (see sessions.SessionQuestion), so
    editing or retiring a question never rewrites a past attempt; `version` says which edit an
    attempt saw."""

    slug = models.SlugField(max_length=80, unique=True)
    prompt = models.TextField(help_text="The question as an interviewer would ask it.")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="questions")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.CONCEPT)
    difficulty = models.CharField(max_length=10, choices=Difficulty.choices, default=Difficulty.MEDIUM)
    suggested_minutes = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    headline = models.TextField(blank=True, help_text="The answer in one or two sentences: what to lead with.")
    model_answer = models.TextField(help_text="Markdown; math between $ … $ or $$ … $$.")
    common_mistakes = models.TextField(blank=True, help_text="Markdown.")
    follow_ups = models.JSONField(default=list, blank=True, help_text="What an interviewer asks next.")
    # A SQL question's tables (CREATE TABLE statements, then INSERTs), the model query, and the
    # model query's result on them ({"columns": [...], "rows": [...]}), computed at import.
    sql_schema = models.TextField(blank=True)
    sql_data = models.TextField(blank=True)
    sql_model_query = models.TextField(blank=True)
    sql_ordered = models.BooleanField(default=False, help_text="Whether the row order of the result matters.")
    sql_expected = models.JSONField(null=True, blank=True, editable=False)
    tags = models.ManyToManyField(Tag, blank=True, related_name="questions")
    is_active = models.BooleanField(default=True, help_text="Retired questions stay in past attempts.")
    version = models.PositiveIntegerField(default=1, editable=False)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["topic__position", "id"]

    def __str__(self) -> str:
        return self.prompt[:80]

    def get_absolute_url(self) -> str:
        return reverse("questions:detail", args=[self.slug])

    @property
    def sql_sample_tables(self) -> tuple[sql.SampleTable, ...]:
        """A SQL question's tables with their columns and first rows (built once per content and
        server process); empty for other kinds, or tables that do not load."""
        if self.kind != Kind.SQL or not self.sql_schema:
            return ()
        try:
            return sql.sample_tables(self.sql_schema, self.sql_data)
        except sql.SqlError:
            return ()

    @property
    def sql_dialect(self) -> str:
        return sql.DIALECT

    def compute_content_hash(self) -> str:
        """What a user sees and grades against; key points are read from the database."""
        content = {
            "prompt": self.prompt,
            "kind": self.kind,
            "headline": self.headline,
            "model_answer": self.model_answer,
            "common_mistakes": self.common_mistakes,
            "follow_ups": self.follow_ups,
            "key_points": [list(point) for point in self.key_points.values_list("text", "aliases")],
            "sql": [self.sql_schema, self.sql_data, self.sql_model_query, self.sql_ordered],
        }
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()

    def record_version(self) -> bool:
        """Call after the question and its key points are saved: bumps `version` when the
        content changed. Returns whether it changed."""
        digest = self.compute_content_hash()
        if digest == self.content_hash:
            return False
        if self.content_hash:
            self.version += 1
        self.content_hash = digest
        Question.objects.filter(pk=self.pk).update(version=self.version, content_hash=digest)
        return True


class KeyPoint(models.Model):
    """A short, checkable statement a good answer makes: one line of the self-grading checklist."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="key_points")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=300)
    # Other ways a candidate might say the same point; the "possibly covered" hint matches them too.
    aliases = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text
