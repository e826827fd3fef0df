from django.db import migrations, models

import techbridge.common.validation


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="time_zone",
            field=models.CharField(
                blank=True,
                db_default="",
                default="",
                max_length=64,
                validators=[techbridge.common.validation.validate_time_zone],
                verbose_name="time zone",
            ),
        ),
    ]
