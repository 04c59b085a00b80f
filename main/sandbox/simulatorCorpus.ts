// What simulated customers say and who they are. Plain data: complaints, questions, praise and spam in
// English (with the words default keyword rules look for), Arabic, Japanese and Russian, plus names.
export type Category = 'complaint' | 'question' | 'praise' | 'spam';
export type Script = 'latin' | 'arabic' | 'japanese' | 'cyrillic';

export interface PersonaSeed {
  name: string;
  handle: string;
  script: Script;
}

export const PERSONAS: PersonaSeed[] = [
  { name: 'Maya Cohen', handle: 'maya_cohen', script: 'latin' },
  { name: 'Liam Walsh', handle: 'liamwalsh', script: 'latin' },
  { name: 'Sofia Rossi', handle: 'sofiarossi', script: 'latin' },
  { name: 'Noah Becker', handle: 'noah_b', script: 'latin' },
  { name: 'Emma Dubois', handle: 'emmadubois', script: 'latin' },
  { name: 'Lucas Silva', handle: 'lucas_silva', script: 'latin' },
  { name: 'Olivia Brown', handle: 'liv_brown', script: 'latin' },
  { name: 'Mateo García', handle: 'mateo_garcia', script: 'latin' },
  { name: 'Priya Raman', handle: 'priya_r', script: 'latin' },
  { name: 'Chloé Martin', handle: 'chloe_m', script: 'latin' },
  { name: 'Jonas Berg', handle: 'jonasberg', script: 'latin' },
  { name: 'Amara Okafor', handle: 'amara_ok', script: 'latin' },
  { name: 'ليلى حداد', handle: 'layla_haddad', script: 'arabic' },
  { name: 'عمر خليل', handle: 'omar_khalil', script: 'arabic' },
  { name: 'سارة منصور', handle: 'sara_mansour', script: 'arabic' },
  { name: 'يوسف العلي', handle: 'yousef_ali', script: 'arabic' },
  { name: '佐藤 花子', handle: 'hanako_sato', script: 'japanese' },
  { name: '鈴木 一郎', handle: 'ichiro_suzuki', script: 'japanese' },
  { name: '高橋 さくら', handle: 'sakura_t', script: 'japanese' },
  { name: '田中 蓮', handle: 'ren_tanaka', script: 'japanese' },
  { name: 'Анна Смирнова', handle: 'anna_smirnova', script: 'cyrillic' },
  { name: 'Иван Петров', handle: 'ivan_petrov', script: 'cyrillic' },
  { name: 'Ольга Кузнецова', handle: 'olga_kuz', script: 'cyrillic' },
  { name: 'Дмитрий Соколов', handle: 'dima_sokolov', script: 'cyrillic' },
];

/** {n} = an order number, {city} = a city. */
export const MESSAGES: Record<Script, Record<Category, string[]>> = {
  latin: {
    complaint: [
      'My order #{n} arrived broken 😡 I want a refund.',
      'Delivery was due yesterday and still nothing. Order {n}, where is it?',
      'Third time asking: please cancel my order {n}!',
      'The blender I bought is broken after two days. Refund please.',
      'Charged twice for order #{n}. This is not ok 😤',
      'Your app crashes every time I try to pay 🙄',
      'Package says delivered but there is nothing at my door. Order {n}.',
    ],
    question: [
      'Do you deliver to {city}? 🤔',
      'How do I change the delivery address on order #{n}?',
      "What's your refund policy for sale items?",
      'Can I still cancel an order after it shipped?',
      'Is the blue jacket back in stock in size M?',
      'Where can I track my order {n}?',
    ],
    praise: [
      'Love the new collection ❤️ thanks!',
      'Thanks for the quick delivery, you folks rock 🙌',
      'Huge thanks to your support team, my refund came through in a day!',
      'Best customer service ever. Order {n} arrived early 🎉',
      'Just wanted to say I love this store 😍',
    ],
    spam: [
      '🔥 Make $$$ from home, DM me now 🔥 http://spam.example/{n}',
      'Free crypto giveaway 🚀🚀 follow back and claim yours',
      'Cheap followers! 10k for $5 at http://followers.example',
      'Check my profile for a surprise 😉😉',
    ],
  },
  arabic: {
    complaint: ['طلبي رقم {n} وصل مكسور، أريد استرداد المبلغ 😞', 'التوصيل متأخر منذ أسبوع، أين طلبي {n}؟', 'أرجو إلغاء الطلب {n} فوراً'],
    question: ['متى يصل التوصيل إلى {city}؟', 'هل يمكنني تغيير عنوان التوصيل؟', 'ما هي سياسة الاسترجاع؟'],
    praise: ['شكراً على الخدمة الرائعة ❤️', 'وصل الطلب بسرعة، شكراً لكم 🌟'],
    spam: ['اربح المال من المنزل 💰 راسلني الآن'],
  },
  japanese: {
    complaint: ['注文{n}の商品が壊れて届きました。返金してください。', '配達が遅れています。注文{n}はどこですか？😢', '注文{n}をキャンセルしたいです。'],
    question: ['{city}への配送はいつになりますか？', '返品の方法を教えてください。', '注文の追跡はどこでできますか？'],
    praise: ['素敵な商品をありがとうございます！😊', 'サポートの対応が早くて助かりました。ありがとう！'],
    spam: ['簡単に稼げる方法教えます💰 DMください'],
  },
  cyrillic: {
    complaint: ['Заказ {n} пришёл сломанным, верните деньги!', 'Доставка задерживается уже неделю. Где мой заказ {n}?', 'Прошу отменить заказ {n}.'],
    question: ['Когда будет доставка в {city}?', 'Как оформить возврат?', 'Можно изменить адрес доставки?'],
    praise: ['Спасибо за быструю доставку! 👍', 'Отличный магазин, всем советую ❤️'],
    spam: ['Заработок без вложений 💸 пиши в личку'],
  },
};

export const FOLLOW_UPS: Record<Script, string[]> = {
  latin: ['Any update on this? 🙏', 'Still waiting for an answer…', 'Thanks, that fixed it!', 'Order number is {n} btw'],
  arabic: ['هل من جديد؟', 'ما زلت أنتظر الرد'],
  japanese: ['その後どうなりましたか？', 'まだ返事を待っています。'],
  cyrillic: ['Есть новости?', 'Всё ещё жду ответа…'],
};

export const CITIES: Record<Script, string[]> = {
  latin: ['Lisbon', 'Berlin', 'Toronto', 'Austin', 'Dublin', 'Lyon'],
  arabic: ['الرياض', 'دبي', 'عمّان'],
  japanese: ['東京', '大阪', '札幌'],
  cyrillic: ['Москву', 'Казань', 'Новосибирск'],
};

/** The words default keyword rules look for; items that contain one are tagged `keyword`. */
export const RULE_KEYWORDS = ['refund', 'broken', 'order', 'delivery', 'cancel', 'love', 'thanks', 'charged', 'crash'];
